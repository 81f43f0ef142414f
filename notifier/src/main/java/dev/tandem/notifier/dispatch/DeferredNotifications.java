package dev.tandem.notifier.dispatch;

import dev.tandem.notifier.template.RenderedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications held back by quiet hours ({@code notifier_deferred}). Every call runs in the
 * caller's transaction: a deferral commits with the event that caused it, and a row leaves the table
 * in the transaction that publishes what became of it.
 */
@Component
public class DeferredNotifications {

    private final JdbcClient jdbc;

    public DeferredNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the message back; answers false when a redelivered event finds it held back already and so
     * changes nothing.
     */
    boolean defer(Notice notice, String carerId, RenderedMessage message, Instant dueAt, Instant now) {
        return TellingColumns.bind(jdbc.sql("""
                        INSERT INTO notifier_deferred (update_id, occasion, carer_id, child_id, family_id, setting_id,
                                                       child_ids, due_at, deferred_at, language, sms_body,
                                                       email_subject, email_body, push_title, push_body, push_data)
                        VALUES (:update, :occasion, :carer, :child, :family, :setting, :children, :due, :now,
                                :language, :sms, :subject, :email, :title, :push, :data)
                        ON CONFLICT DO NOTHING"""), notice, carerId, message)
                .param("due", utc(dueAt))
                .param("now", utc(now))
                .update() == 1;
    }

    /**
     * The earliest notification due by {@code now}, locked until the caller's transaction ends; a row
     * another poller holds is passed over, so two pollers never send the same one.
     */
    Optional<Deferred> nextDue(Instant now) {
        return jdbc.sql("""
                        SELECT * FROM notifier_deferred WHERE due_at <= ?
                        ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param(utc(now))
                .query((rs, row) -> deferred(rs))
                .optional();
    }

    void remove(Deferred deferred) {
        jdbc.sql("DELETE FROM notifier_deferred WHERE update_id = ? AND occasion = ? AND carer_id = ?")
                .params(deferred.notice().updateId(), deferred.notice().occasion(), deferred.carerId())
                .update();
    }

    void postpone(Deferred deferred, Instant dueAt) {
        jdbc.sql("UPDATE notifier_deferred SET due_at = ? WHERE update_id = ? AND occasion = ? AND carer_id = ?")
                .params(utc(dueAt), deferred.notice().updateId(), deferred.notice().occasion(), deferred.carerId())
                .update();
    }

    /** Takes out everything still held back for an update, whatever the occasion. */
    List<Deferred> removeAll(String updateId) {
        return jdbc.sql("DELETE FROM notifier_deferred WHERE update_id = ? RETURNING *")
                .param(updateId)
                .query((rs, row) -> deferred(rs))
                .list();
    }

    /** Takes out what is still held back for one telling of an update. */
    List<Deferred> removeAll(String updateId, String occasion) {
        return jdbc.sql("DELETE FROM notifier_deferred WHERE update_id = ? AND occasion = ? RETURNING *")
                .params(updateId, occasion)
                .query((rs, row) -> deferred(rs))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM notifier_deferred").query(Long.class).single();
    }

    private static Deferred deferred(ResultSet rs) throws SQLException {
        return new Deferred(TellingColumns.notice(rs, false), rs.getString("carer_id"),
                rs.getObject("due_at", OffsetDateTime.class).toInstant(), TellingColumns.message(rs));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
