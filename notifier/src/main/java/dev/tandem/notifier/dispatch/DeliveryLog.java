package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's record of every attempt ({@code notifier_delivery}).
 *
 * <p>A provider call cannot be rolled back, but the event handler's transaction can: so an attempt is
 * opened and settled in transactions of their own, committed before and after the provider is called.
 * A redelivered event finds the row and sends nothing again. Only "recorded" (the outcome event has
 * been published) is written in the handler's transaction, next to the event it stands for.
 */
@Component
public class DeliveryLog {

    private static final int DETAIL_LIMIT = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate independently;
    private final Clock clock;

    public DeliveryLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.independently = new TransactionTemplate(transactions);
        this.independently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
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

    public Opened open(Update update, String carerId, Channel channel, String language, DeliveryStatus status,
                       String detail) {
        String id = notificationId(update.updateId(), update.occasion(), carerId, channel);
        return independently.execute(tx -> {
            int inserted = jdbc.sql("""
                            INSERT INTO notifier_delivery (notification_id, update_id, occasion, child_id, family_id,
                                                           carer_id, channel, language, status, detail, updated_at)
                            VALUES (:id, :update, :occasion, :child, :family, :carer, :channel, :language, :status,
                                    :detail, :at)
                            ON CONFLICT DO NOTHING""")
                    .param("id", id)
                    .param("update", update.updateId())
                    .param("occasion", update.occasion())
                    .param("child", update.childId())
                    .param("family", update.familyId())
                    .param("carer", carerId)
                    .param("channel", channel == null ? null : channel.name())
                    .param("language", language)
                    .param("status", status.name())
                    .param("detail", shorten(detail))
                    .param("at", now())
                    .update();
            return new Opened(find(id).orElseThrow(), inserted == 1);
        });
    }

    /** Writes the provider's answer onto a pending attempt; an attempt that is no longer pending keeps its outcome. */
    public Attempt settle(String notificationId, DeliveryStatus status, String providerId, String address,
                          String detail) {
        return independently.execute(tx -> {
            jdbc.sql("""
                            UPDATE notifier_delivery
                            SET status = :status, provider_id = :provider, address = :address, detail = :detail,
                                updated_at = :at
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
     * Moves the attempt the provider knows by this id forward to what it now reports, and answers it
     * when it moved: a late or repeated report (a "sent" after "delivered") changes nothing. Runs in the
     * caller's transaction, so the move and the event that records it commit together.
     */
    public Optional<Attempt> advance(String providerId, DeliveryStatus reported, String detail) {
        List<String> earlier = reported == DeliveryStatus.SENT ? List.of("PENDING")
                : List.of("PENDING", "SENT");
        int moved = jdbc.sql("""
                        UPDATE notifier_delivery SET status = :status, detail = :detail, updated_at = :at
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
    boolean hasAttempts(Update update, String carerId) {
        return jdbc.sql("SELECT count(*) FROM notifier_delivery WHERE update_id = ? AND occasion = ? AND carer_id = ?")
                .params(update.updateId(), update.occasion(), carerId)
                .query(Long.class)
                .single() > 0;
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

    private static String shorten(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        String channel = rs.getString("channel");
        Timestamp updatedAt = rs.getTimestamp("updated_at");
        return new Attempt(rs.getString("notification_id"), rs.getString("update_id"), rs.getString("child_id"),
                rs.getString("family_id"), rs.getString("carer_id"),
                channel == null ? null : Channel.valueOf(channel), rs.getString("language"),
                rs.getString("address"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("provider_id"), rs.getString("detail"),
                updatedAt == null ? null : updatedAt.toInstant());
    }
}
