package dev.tandem.notifier.safeguarding;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The concerns whose leads may have to be reminded ({@code notifier_safeguarding_reminder}): due
 * {@link #OVERDUE_AFTER} after the concern was recorded unless an action was recorded first. Every
 * call runs in the caller's transaction. Rows stay after the reminder or the action, so a concern seen
 * again is neither waited on nor reminded of twice.
 */
@Component
class OverdueConcerns {

    static final Duration OVERDUE_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;

    OverdueConcerns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts waiting for an action on the concern; a concern already known keeps its state. */
    void await(Concern concern, Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO notifier_safeguarding_reminder (concern_id, child_id, setting_id, recorded_at,
                                                                    due_at)
                        VALUES (:concern, :child, :setting, :recorded, :due)
                        ON CONFLICT DO NOTHING""")
                .param("concern", concern.id())
                .param("child", concern.childId())
                .param("setting", concern.settingId())
                .param("recorded", utc(recordedAt))
                .param("due", utc(recordedAt.plus(OVERDUE_AFTER)))
                .update();
    }

    /** Any action, whatever it is, means a lead has seen the concern: no reminder. Keeps the first action's time. */
    void acted(String concernId, Instant at) {
        jdbc.sql("UPDATE notifier_safeguarding_reminder SET acted_at = ? WHERE concern_id = ? AND acted_at IS NULL")
                .params(utc(at), concernId)
                .update();
    }

    /**
     * The earliest concern overdue by {@code now} and not yet reminded of, locked until the caller's
     * transaction ends; a row another poller holds is passed over, so two pollers never remind twice.
     */
    Optional<Concern> nextDue(Instant now) {
        return jdbc.sql("""
                        SELECT concern_id, child_id, setting_id FROM notifier_safeguarding_reminder
                        WHERE due_at <= ? AND acted_at IS NULL AND reminded_at IS NULL
                        ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param(utc(now))
                .query((rs, row) -> new Concern(rs.getString("concern_id"), rs.getString("child_id"),
                        rs.getString("setting_id")))
                .optional();
    }

    void reminded(Concern concern, Instant at) {
        jdbc.sql("UPDATE notifier_safeguarding_reminder SET reminded_at = ? WHERE concern_id = ?")
                .params(utc(at), concern.id())
                .update();
    }

    void postpone(Concern concern, Instant dueAt) {
        jdbc.sql("UPDATE notifier_safeguarding_reminder SET due_at = ? WHERE concern_id = ?")
                .params(utc(dueAt), concern.id())
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
