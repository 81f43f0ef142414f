package dev.tandem.support.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One AES-256-GCM data key (a Tink keyset) per data subject ({@code family:<id>}, {@code carer:<id>},
 * {@code staff:<id>}, {@code child:<id>}, {@code setting:<id>}), stored in {@code privacy_subject_key}
 * wrapped by the {@link MasterKey}, the subject's name bound in as associated data so that a wrapped key
 * copied to another subject's row does not open. Erasing a subject deletes its key and keeps the row, so
 * that no new key is ever made for it: what was written under the old one stays unreadable, through a
 * restart, a replay or a rebuild.
 *
 * <p>A key is made in a transaction of its own, committed before anything is encrypted under it, so that
 * a rolled-back command cannot leave data under a key that was never kept. Unwrapped keys are cached for
 * a short while; an erasure empties this node's cache when it commits, other nodes' within {@link #CACHED}.
 */
public class SubjectKeys {

    /** How long another node may still read with a key this node erased. */
    static final Duration CACHED = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate independently;
    private final MasterKey master;
    private final Clock clock;
    private final Cache<String, Optional<Aead>> cache = Caffeine.newBuilder()
            .expireAfterWrite(CACHED)
            .maximumSize(50_000)
            .build();

    public SubjectKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, MasterKey master, Clock clock) {
        this.jdbc = jdbc;
        this.independently = new TransactionTemplate(transactions);
        this.independently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.master = master;
        this.clock = clock;
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
    }

    /** The subject's key, made now if it has none yet; empty once the subject has been erased. */
    public Optional<Aead> forWriting(String subject) {
        Optional<Aead> cached = cache.getIfPresent(subject);
        if (cached != null && cached.isPresent()) {
            return cached;
        }
        Optional<Aead> key = load(subject).orElseGet(() -> create(subject));
        cache.put(subject, key);
        return key;
    }

    /** The subject's key if it has one: empty if it was erased or never had one. */
    public Optional<Aead> forReading(String subject) {
        Optional<Aead> cached = cache.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        // a subject with no row yet may get its key on another node at any moment: only a row is cached
        Optional<Optional<Aead>> stored = load(subject);
        stored.ifPresent(key -> cache.put(subject, key));
        return stored.orElse(Optional.empty());
    }

    /**
     * Deletes the subject's key (crypto-shredding), in the caller's transaction: once it commits, what was
     * written under the key can no longer be read. A subject that never had a key is marked so that it never
     * gets one. Answers whether there was a key to delete.
     */
    public boolean erase(String subject) {
        Timestamp now = Timestamp.from(clock.instant());
        int deleted = jdbc.update("""
                UPDATE privacy_subject_key SET keyset = NULL, erased_at = ?
                WHERE subject = ? AND keyset IS NOT NULL""", now, subject);
        jdbc.update("""
                INSERT INTO privacy_subject_key (subject, keyset, created_at, erased_at) VALUES (?, NULL, ?, ?)
                ON CONFLICT (subject) DO NOTHING""", subject, now, now);
        cache.invalidate(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(subject);
                }
            });
        }
        return deleted == 1;
    }

    public boolean isErased(String subject) {
        return Boolean.TRUE.equals(jdbc.query("SELECT erased_at IS NOT NULL FROM privacy_subject_key WHERE subject = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, subject));
    }

    /** Empty if the subject has no row; a row without a key is an erased subject. */
    private Optional<Optional<Aead>> load(String subject) {
        List<byte[]> rows = jdbc.query("SELECT keyset FROM privacy_subject_key WHERE subject = ?",
                (rs, row) -> rs.getBytes(1), subject);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        byte[] wrapped = rows.get(0);
        return Optional.of(wrapped == null ? Optional.empty() : Optional.of(unwrap(subject, wrapped)));
    }

    private Optional<Aead> create(String subject) {
        byte[] wrapped;
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master.aead(), associated(subject));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key cannot be made", e);
        }
        // another writer may make the subject's key at the same moment: whichever is stored is the key
        independently.executeWithoutResult(tx -> jdbc.update("""
                INSERT INTO privacy_subject_key (subject, keyset, created_at) VALUES (?, ?, ?)
                ON CONFLICT (subject) DO NOTHING""", subject, wrapped, Timestamp.from(clock.instant())));
        return independently.execute(tx -> load(subject)).orElseThrow();
    }

    private Aead unwrap(String subject, byte[] wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(), associated(subject))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            // the wrong master key, or a row edited or moved behind the platform's back
            throw new IllegalStateException("The data key of a subject cannot be unwrapped with this master key", e);
        }
    }

    private static byte[] associated(String subject) {
        return ("tandem data key " + subject).getBytes(StandardCharsets.UTF_8);
    }
}
