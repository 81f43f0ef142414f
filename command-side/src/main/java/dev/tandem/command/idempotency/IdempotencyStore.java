package dev.tandem.command.idempotency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The keys in PostgreSQL (table {@code idempotency_key}). Every method blocks: call it off the event loop. */
class IdempotencyStore {

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the key for a request, atomically: a new key, or one whose row is older than
     * {@code expiredBefore}, or one still in flight since before {@code abandonedBefore}.
     *
     * @return false when another request holds or has answered this key
     */
    boolean claim(Claim claim, Instant expiredBefore, Instant abandonedBefore) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (subject_id, idempotency_key, fingerprint, created_at)
                        VALUES (:subject, :key, :fingerprint, :createdAt)
                        ON CONFLICT (subject_id, idempotency_key) DO UPDATE
                           SET fingerprint = EXCLUDED.fingerprint, created_at = EXCLUDED.created_at,
                               status = NULL, location = NULL, content_type = NULL, body = NULL
                         WHERE idempotency_key.created_at < :expiredBefore
                            OR (idempotency_key.status IS NULL AND idempotency_key.created_at < :abandonedBefore)""")
                .param("subject", claim.subject())
                .param("key", claim.key())
                .param("fingerprint", claim.fingerprint())
                .param("createdAt", utc(claim.createdAt()))
                .param("expiredBefore", utc(expiredBefore))
                .param("abandonedBefore", utc(abandonedBefore))
                .update() == 1;
    }

    Optional<Kept> find(String subject, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, status, location, content_type, body FROM idempotency_key
                         WHERE subject_id = ? AND idempotency_key = ?""")
                .params(subject, key)
                .query((rs, n) -> new Kept(rs.getString(1),
                        rs.getObject(2) == null ? null : new Answer(rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getBytes(5))))
                .optional();
    }

    /** Keeps the answer, unless the claim was lost (taken over as abandoned) meanwhile. */
    void complete(Claim claim, Answer answer) {
        jdbc.sql("""
                        UPDATE idempotency_key SET status = ?, location = ?, content_type = ?, body = ?
                         WHERE subject_id = ? AND idempotency_key = ? AND created_at = ? AND status IS NULL""")
                .params(answer.status(), answer.location(), answer.contentType(), answer.body(),
                        claim.subject(), claim.key(), utc(claim.createdAt()))
                .update();
    }

    /** Gives the key up so that a repeat runs anew. */
    void release(Claim claim) {
        jdbc.sql("""
                        DELETE FROM idempotency_key
                         WHERE subject_id = ? AND idempotency_key = ? AND created_at = ? AND status IS NULL""")
                .params(claim.subject(), claim.key(), utc(claim.createdAt()))
                .update();
    }

    /** Deletes at most {@code limit} keys created before {@code before}; returns how many. */
    int purge(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM idempotency_key WHERE (subject_id, idempotency_key) IN (
                            SELECT subject_id, idempotency_key FROM idempotency_key WHERE created_at < ? LIMIT ?)""")
                .params(utc(before), limit)
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A request's hold on a key; {@code createdAt} tells this hold from a later one on the same key. */
    record Claim(String subject, String key, String fingerprint, Instant createdAt) {
    }

    /** What is kept for a key: the request's fingerprint, and its answer once there is one. */
    record Kept(String fingerprint, Answer answer) {
    }

    record Answer(int status, String location, String contentType, byte[] body) {
    }
}
