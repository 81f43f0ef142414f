package dev.tandem.support.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * An AES-256-GCM master key derived (HKDF-SHA256) from a secret of at least 32 characters: the embedded
 * default keeps a random one in its data directory, every other profile is given {@code PLATFORM_MASTER_KEY}.
 */
public final class DerivedMasterKey implements MasterKey {

    private static final byte[] SALT = "tandem/privacy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "master key v1".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;

    public DerivedMasterKey(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("The master key needs a secret of at least 32 characters");
        }
        try {
            aead = new AesGcmJce(Hkdf.computeHkdf("HMACSHA256", secret.getBytes(StandardCharsets.UTF_8), SALT, INFO, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public Aead aead() {
        return aead;
    }
}
