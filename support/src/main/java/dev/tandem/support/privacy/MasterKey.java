package dev.tandem.support.privacy;

import com.google.crypto.tink.Aead;

/**
 * The key that wraps every data subject's key, kept out of the database that holds them (decision 0014).
 * {@link DerivedMasterKey} derives it from {@code PLATFORM_MASTER_KEY}; a deployment on a cloud KMS
 * declares its own bean, for example with the {@link Aead} of Tink's AWS or GCP KMS client, so that the
 * master key never leaves the KMS.
 */
@FunctionalInterface
public interface MasterKey {

    /** Wraps and unwraps data keys; the associated data binds each wrapped key to its subject. */
    Aead aead();
}
