package dev.tandem.notifier.safeguarding;

import dev.tandem.api.common.Channel;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.notifier.dispatch.DeliveryStatus;
import java.time.Instant;

/**
 * One row of {@code notifier_safeguarding_alert}: one concern, one reason, one safeguarding lead, one
 * channel. Its status is PENDING until the mail server has answered, then SENT or FAILED.
 */
record LeadAlert(String concernId, SafeguardingAlertReason reason, String staffId, Channel channel,
                 String childId, String settingId, DeliveryStatus status, String providerId, String detail,
                 Instant updatedAt) {
}
