package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.notifier.template.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's record of every attempt ({@code notifier_delivery}) and of the message each carer is
 * being told while it may still be tried ({@code notifier_message}).
 *
 * <p>A provider call cannot be rolled back, but the event handler's transaction can: so an attempt is
 * opened, marked in flight and settled in transactions of their own, committed before and after the
 * provider is called. A redelivered event finds the row and sends nothing again. A retry's execution is
 * scheduled in the same transaction that marks the row waiting. Only "recorded" (the outcome event has
 * been published) is written in the caller's transaction, next to the event it stands for.
 */
@Component
public class DeliveryLog {

    private static final int DETAIL_LIMIT = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate independently;
    private final Clock clock;
    private final DeliverySchedule schedule;

    public DeliveryLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                       DeliverySchedule schedule) {
        this.jdbc = jdbc;
        this.independently = new TransactionTemplate(transactions);
        this.independently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.schedule = schedule;
    }

    /** Stable per update, carer and channel, so a redelivery lands on the same row and the same id. */
    public static String notificationId(String updateId, String carerId, Channel channel) {
        return notificationId(updateId, "", carerId, channel);
    }

    /** As above, for a later telling of the update (a meeting moved): its own id, the first's unchanged. */
    public static String notificationId(String updateId, String occasion, String carerId, Channel channel) {
        String update = occasion.isEmpty() ? updateId : updateId + "#" + occasion;
        String key = update + "/" + carerId + "/" + (channel == null ? "-" : channel.name());
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The attempt as now committed, and whether this call created it (only then may the provider be called). */
    public record Opened(Attempt attempt, boolean fresh) {
    }

    /** One telling of an update to one carer, as it was written for them. */
    public record Telling(Notice notice, String carerId, RenderedMessage message) {
    }

    /** Opens a row that will not be sent (SKIPPED), or a PENDING one for a channel about to be tried. */
    public Opened open(Notice notice, String carerId, Channel channel, String language, DeliveryStatus status,
                       String detail) {
        return independently.execute(tx -> insert(notice, carerId, channel, language, status, detail));
    }

    /**
     * Opens a PENDING attempt on a channel and keeps the message it is for (once per telling and carer),
     * so that a retry, the next channel or a reconciliation after a crash can still send it.
     */
    public Opened openAttempt(Notice notice, String carerId, Channel channel, RenderedMessage message) {
        return independently.execute(tx -> {
            keep(notice, carerId, message);
            return insert(notice, carerId, channel, message.language().tag(), DeliveryStatus.PENDING, null);
        });
    }

    private Opened insert(Notice notice, String carerId, Channel channel, String language, DeliveryStatus status,
                          String detail) {
        String id = notificationId(notice.updateId(), notice.occasion(), carerId, channel);
        // Read first: the caller's transaction may hold this row (it recorded its outcome), and an insert
        // meeting it would wait for that transaction, which waits for this one.
        Optional<Attempt> existing = find(id);
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        int inserted = jdbc.sql("""
                        INSERT INTO notifier_delivery (notification_id, update_id, occasion, child_id, family_id,
                                                       carer_id, channel, language, status, detail, updated_at, kind)
                        VALUES (:id, :update, :occasion, :child, :family, :carer, :channel, :language, :status,
                                :detail, :at, :kind)
                        ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("update", notice.updateId())
                .param("occasion", notice.occasion())
                .param("child", notice.childId())
                .param("family", notice.familyId())
                .param("carer", carerId)
                .param("channel", channel == null ? null : channel.name())
                .param("language", language)
                .param("status", status.name())
                .param("detail", shorten(detail))
                .param("at", now())
                .param("kind", notice.kind().name())
                .update();
        return new Opened(find(id).orElseThrow(), inserted == 1);
    }

    private void keep(Notice notice, String carerId, RenderedMessage message) {
        TellingColumns.bind(jdbc.sql("""
                        INSERT INTO notifier_message (update_id, occasion, carer_id, child_id, family_id, setting_id,
                                                      child_ids, urgent, language, sms_body, email_subject, email_body,
                                                      push_title, push_body, push_data, created_at)
                        VALUES (:update, :occasion, :carer, :child, :family, :setting, :children, :urgent, :language,
                                :sms, :subject, :email, :title, :push, :data, :at)
                        ON CONFLICT DO NOTHING"""), notice, carerId, message)
                .param("urgent", notice.urgent())
                .param("at", now())
                .update();
    }

    /** What the carer is being told for the telling this attempt belongs to, while it is kept. */
    public Optional<Telling> telling(Attempt attempt) {
        return jdbc.sql("SELECT * FROM notifier_message WHERE update_id = ? AND occasion = ? AND carer_id = ?")
                .params(attempt.updateId(), attempt.occasion(), attempt.carerId())
                .query((rs, row) -> telling(rs))
                .optional();
    }

    /**
     * Marks the call started, committed before the provider is called: a crash from here on leaves the
     * row in flight, to be reconciled. Counts the attempt; the first one opens the retry window.
     * Empty if the row is no longer pending and idle (another worker took it).
     */
    public Optional<Attempt> startCall(String notificationId, String address, Integer segments, String encoding,
                                       Duration window) {
        return independently.execute(tx -> {
            OffsetDateTime now = now();
            int started = jdbc.sql("""
                            UPDATE notifier_delivery
                            SET in_flight_since = :now, attempts = attempts + 1,
                                first_attempt_at = COALESCE(first_attempt_at, :now),
                                window_ends_at = COALESCE(window_ends_at, :windowEnds),
                                next_attempt_at = NULL, slot_reserved = FALSE, address = :address,
                                segments = :segments, encoding = :encoding, updated_at = :now
                            WHERE notification_id = :id AND status = 'PENDING' AND in_flight_since IS NULL""")
                    .param("now", now)
                    .param("windowEnds", now.plus(window))
                    .param("address", address)
                    .param("segments", segments)
                    .param("encoding", encoding)
                    .param("id", notificationId)
                    .update();
            return started == 1 ? find(notificationId) : Optional.<Attempt>empty();
        });
    }

    /** Writes the final answer onto a pending attempt; an attempt that is no longer pending keeps its outcome. */
    public Attempt settle(String notificationId, DeliveryStatus status, String providerId, String address,
                          String detail) {
        return independently.execute(tx -> {
            jdbc.sql("""
                            UPDATE notifier_delivery
                            SET status = :status, provider_id = :provider, address = COALESCE(:address, address),
                                detail = :detail, in_flight_since = NULL, next_attempt_at = NULL,
                                slot_reserved = FALSE, updated_at = :at
                            WHERE notification_id = :id AND status = 'PENDING'""")
                    .param("status", status.name())
                    .param("provider", providerId)
                    .param("address", address)
                    .param("detail", shorten(detail))
                    .param("at", now())
                    .param("id", notificationId)
                    .update();
            return find(notificationId).orElseThrow();
        });
    }

    /**
     * Leaves a pending attempt waiting until {@code at} (a retry, or a send paced by the provider's rate
     * limit) and schedules its execution, both in one transaction of their own.
     */
    public Attempt waitUntil(String notificationId, Instant at, String detail, boolean slotReserved) {
        return independently.execute(tx -> {
            Integer seq = jdbc.sql("""
                            UPDATE notifier_delivery
                            SET in_flight_since = NULL, next_attempt_at = :next, slot_reserved = :reserved,
                                detail = COALESCE(:detail, detail), schedule_seq = schedule_seq + 1, updated_at = :at
                            WHERE notification_id = :id AND status = 'PENDING'
                            RETURNING schedule_seq""")
                    .param("next", utc(at))
                    .param("reserved", slotReserved)
                    .param("detail", shorten(detail))
                    .param("at", now())
                    .param("id", notificationId)
                    .query(Integer.class)
                    .optional()
                    .orElse(null);
            if (seq != null) {
                schedule.at(notificationId, seq, at);
            }
            return find(notificationId).orElseThrow();
        });
    }

    /**
     * Schedules the carer's next channel to be tried after this attempt failed late (the provider's
     * "undelivered" report). Runs in the caller's transaction, with the report it follows.
     */
    public void scheduleFollowUp(String notificationId) {
        Integer seq = jdbc.sql("""
                        UPDATE notifier_delivery SET schedule_seq = schedule_seq + 1
                        WHERE notification_id = ? RETURNING schedule_seq""")
                .param(notificationId)
                .query(Integer.class)
                .single();
        schedule.at(notificationId, seq, clock.instant());
    }

    /**
     * Moves the attempt the provider knows by this id forward to what it now reports, and answers it
     * when it moved: a late or repeated report (a "sent" after "delivered") changes nothing. Runs in the
     * caller's transaction, so the move and the event that records it commit together.
     */
    public Optional<Attempt> advance(String providerId, DeliveryStatus reported, String detail) {
        List<String> earlier = reported == DeliveryStatus.SENT ? List.of("PENDING")
                : List.of("PENDING", "SENT");
        int moved = jdbc.sql("""
                        UPDATE notifier_delivery SET status = :status, detail = :detail, updated_at = :at,
                                                     in_flight_since = NULL, next_attempt_at = NULL
                        WHERE provider_id = :provider AND status IN (:earlier)""")
                .param("status", reported.name())
                .param("detail", shorten(detail))
                .param("at", now())
                .param("provider", providerId)
                .param("earlier", earlier)
                .update();
        if (moved == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM notifier_delivery WHERE provider_id = ? LIMIT 1")
                .param(providerId)
                .query((rs, row) -> attempt(rs))
                .optional();
    }

    /**
     * True exactly once per attempt: the caller then publishes the outcome event in the same transaction.
     * If that transaction rolls back, so does this mark, and the redelivered event publishes it again.
     */
    public boolean claimRecording(String notificationId) {
        return jdbc.sql("UPDATE notifier_delivery SET recorded = TRUE WHERE notification_id = ? AND NOT recorded")
                .param(notificationId)
                .update() == 1;
    }

    /** Whether anything was tried or settled for this carer on this telling of the update (a redelivery). */
    boolean hasAttempts(Notice notice, String carerId) {
        return jdbc.sql("SELECT count(*) FROM notifier_delivery WHERE update_id = ? AND occasion = ? AND carer_id = ?")
                .params(notice.updateId(), notice.occasion(), carerId)
                .query(Long.class)
                .single() > 0;
    }

    /** Attempts whose call started before {@code cutoff} and never got an answer: their process is gone. */
    List<Attempt> inFlightSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                        SELECT * FROM notifier_delivery WHERE in_flight_since IS NOT NULL AND in_flight_since < ?
                        ORDER BY in_flight_since LIMIT ?""")
                .params(utc(cutoff), limit)
                .query((rs, row) -> attempt(rs))
                .list();
    }

    /** Forgets the messages of tellings older than {@code before} that have nothing left waiting or in flight. */
    int sweepMessages(Instant before) {
        return jdbc.sql("""
                        DELETE FROM notifier_message m WHERE m.created_at < ? AND NOT EXISTS (
                            SELECT 1 FROM notifier_delivery d
                            WHERE d.update_id = m.update_id AND d.occasion = m.occasion AND d.carer_id = m.carer_id
                              AND d.status = 'PENDING')""")
                .param(utc(before))
                .update();
    }

    public Optional<Attempt> find(String notificationId) {
        return jdbc.sql("SELECT * FROM notifier_delivery WHERE notification_id = ?")
                .param(notificationId)
                .query((rs, row) -> attempt(rs))
                .optional();
    }

    Optional<String> languageOfProviderMessage(String providerId) {
        return jdbc.sql("SELECT language FROM notifier_delivery WHERE provider_id = ? LIMIT 1")
                .param(providerId)
                .query(String.class)
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String shorten(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        String channel = rs.getString("channel");
        int segments = rs.getInt("segments");
        Integer knownSegments = rs.wasNull() ? null : segments;
        return new Attempt(rs.getString("notification_id"), rs.getString("update_id"), rs.getString("occasion"),
                rs.getString("child_id"), rs.getString("family_id"), rs.getString("carer_id"),
                channel == null ? null : Channel.valueOf(channel), rs.getString("language"),
                rs.getString("address"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("provider_id"), rs.getString("detail"), instant(rs, "updated_at"),
                NotificationKind.valueOf(rs.getString("kind")), rs.getInt("attempts"),
                instant(rs, "first_attempt_at"), instant(rs, "window_ends_at"), instant(rs, "next_attempt_at"),
                instant(rs, "in_flight_since"), rs.getInt("schedule_seq"), rs.getBoolean("slot_reserved"),
                knownSegments, rs.getString("encoding"));
    }

    private static Telling telling(ResultSet rs) throws SQLException {
        return new Telling(TellingColumns.notice(rs, rs.getBoolean("urgent")), rs.getString("carer_id"),
                TellingColumns.message(rs));
    }
}
