package dev.tandem.notifier.safeguarding;

import dev.tandem.api.common.Channel;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.notifier.dispatch.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of every alert to a safeguarding lead ({@code notifier_safeguarding_alert}), kept the way
 * {@code DeliveryLog} keeps carers' attempts (docs/decisions/0005): an alert is opened and settled in
 * transactions of their own, committed before and after the mail server is called, so a redelivered
 * event or a second poller finds the row and sends nothing again. Only "recorded" is written in the
 * caller's transaction, next to the event it stands for.
 */
@Component
class LeadAlertLog {

    private static final int DETAIL_LIMIT = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate independently;
    private final Clock clock;

    LeadAlertLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.independently = new TransactionTemplate(transactions);
        this.independently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The alert as now committed, and whether this call created it (only then may the mail server be called). */
    record Opened(LeadAlert alert, boolean fresh) {
    }

    Opened open(Concern concern, SafeguardingAlertReason reason, String staffId, Channel channel) {
        return independently.execute(tx -> {
            int inserted = jdbc.sql("""
                            INSERT INTO notifier_safeguarding_alert (concern_id, reason, staff_id, channel, child_id,
                                                                     setting_id, status, updated_at)
                            VALUES (:concern, :reason, :staff, :channel, :child, :setting, 'PENDING', :at)
                            ON CONFLICT DO NOTHING""")
                    .param("concern", concern.id())
                    .param("reason", reason.name())
                    .param("staff", staffId)
                    .param("channel", channel.name())
                    .param("child", concern.childId())
                    .param("setting", concern.settingId())
                    .param("at", now())
                    .update();
            return new Opened(find(concern.id(), reason, staffId, channel).orElseThrow(), inserted == 1);
        });
    }

    /** Writes the mail server's answer onto a pending alert; an alert no longer pending keeps its outcome. */
    LeadAlert settle(LeadAlert alert, DeliveryStatus status, String providerId, String detail) {
        return independently.execute(tx -> {
            jdbc.sql("""
                            UPDATE notifier_safeguarding_alert
                            SET status = :status, provider_id = :provider, detail = :detail, updated_at = :at
                            WHERE concern_id = :concern AND reason = :reason AND staff_id = :staff
                              AND channel = :channel AND status = 'PENDING'""")
                    .param("status", status.name())
                    .param("provider", providerId)
                    .param("detail", shorten(detail))
                    .param("at", now())
                    .param("concern", alert.concernId())
                    .param("reason", alert.reason().name())
                    .param("staff", alert.staffId())
                    .param("channel", alert.channel().name())
                    .update();
            return find(alert.concernId(), alert.reason(), alert.staffId(), alert.channel()).orElseThrow();
        });
    }

    /**
     * True exactly once per alert: the caller then publishes the outcome event in the same transaction.
     * If that transaction rolls back, so does this mark, and the redelivered event publishes it again.
     */
    boolean claimRecording(LeadAlert alert) {
        return jdbc.sql("""
                        UPDATE notifier_safeguarding_alert SET recorded = TRUE
                        WHERE concern_id = ? AND reason = ? AND staff_id = ? AND channel = ? AND NOT recorded""")
                .params(alert.concernId(), alert.reason().name(), alert.staffId(), alert.channel().name())
                .update() == 1;
    }

    Optional<LeadAlert> find(String concernId, SafeguardingAlertReason reason, String staffId, Channel channel) {
        return jdbc.sql("""
                        SELECT * FROM notifier_safeguarding_alert
                        WHERE concern_id = ? AND reason = ? AND staff_id = ? AND channel = ?""")
                .params(concernId, reason.name(), staffId, channel.name())
                .query((rs, row) -> alert(rs))
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String shorten(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
    }

    private static LeadAlert alert(ResultSet rs) throws SQLException {
        return new LeadAlert(rs.getString("concern_id"), SafeguardingAlertReason.valueOf(rs.getString("reason")),
                rs.getString("staff_id"), Channel.valueOf(rs.getString("channel")), rs.getString("child_id"),
                rs.getString("setting_id"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("provider_id"), rs.getString("detail"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
