package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import java.time.Instant;

/** One row of {@code notifier_delivery}: one update, one carer, one channel (none when skipped). */
public record Attempt(String notificationId, String updateId, String childId, String familyId, String carerId,
                      Channel channel, String language, String address, DeliveryStatus status,
                      String providerId, String detail, Instant updatedAt) {

    @Override
    public String toString() {
        return "Attempt[" + notificationId + " " + channel + " " + status + "]";
    }
}
