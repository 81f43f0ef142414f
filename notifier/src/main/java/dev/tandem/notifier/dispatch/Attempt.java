package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.NotificationKind;
import java.time.Instant;

/**
 * One row of {@code notifier_delivery}: one telling of an update, one carer, one channel (none when
 * skipped). While PENDING it is either waiting ({@code nextAttemptAt}: a retry or a paced send) or in
 * flight ({@code inFlightSince}: a provider call started and not answered).
 */
public record Attempt(String notificationId, String updateId, String occasion, String childId, String familyId,
                      String carerId, Channel channel, String language, String address, DeliveryStatus status,
                      String providerId, String detail, Instant updatedAt, NotificationKind kind, int attempts,
                      Instant firstAttemptAt, Instant windowEndsAt, Instant nextAttemptAt, Instant inFlightSince,
                      int scheduleSeq, boolean slotReserved, Integer segments, String encoding) {

    public boolean inFlight() {
        return status == DeliveryStatus.PENDING && inFlightSince != null;
    }

    public boolean waiting() {
        return status == DeliveryStatus.PENDING && inFlightSince == null && nextAttemptAt != null;
    }

    /** Pending with nothing started nor scheduled: opened by a run that stopped before calling. */
    public boolean idle() {
        return status == DeliveryStatus.PENDING && inFlightSince == null && nextAttemptAt == null;
    }

    @Override
    public String toString() {
        return "Attempt[" + notificationId + " " + channel + " " + status + " " + attempts + "]";
    }
}
