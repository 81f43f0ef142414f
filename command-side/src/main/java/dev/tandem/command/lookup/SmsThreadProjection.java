package dev.tandem.command.lookup;

import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.NotificationSent;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers which update was sent to which carer by SMS, so that a carer's SMS reply can be threaded
 * to it. The notifier publishes these events, possibly from another process, so this one tracks the
 * event store rather than subscribing.
 */
@Component
@ProcessingGroup(SmsThreadProjection.PROCESSING_GROUP)
class SmsThreadProjection {

    static final String PROCESSING_GROUP = "command-sms-threads";

    private final JdbcClient jdbc;

    SmsThreadProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NotificationSent event) {
        if (event.channel() != Channel.SMS) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO lookup_sms_sent (provider_id, carer_id, update_id, sent_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .param(event.providerId()).param(event.carerId()).param(event.updateId())
                .param(Timestamp.from(event.sentAt()))
                .update();
    }
}
