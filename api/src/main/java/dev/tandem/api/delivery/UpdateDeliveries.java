package dev.tandem.api.delivery;

import java.time.Instant;
import java.util.List;

public record UpdateDeliveries(List<Delivery> deliveries) {

    public enum Status { PENDING, SENT, DELIVERED, FAILED, SKIPPED }

    /**
     * One carer and channel tried for one telling ({@code kind}) of the update. {@code attempts} is how
     * many provider calls were made (0 while held back); {@code nextAttemptAt} is when a PENDING row is
     * tried next (quiet hours end, or the next retry), null otherwise. {@code segments} and
     * {@code encoding} ({@code GSM-7}, {@code UCS-2}) are set on SMS rows only.
     */
    public record Delivery(String carerId, String channel, String language, Status status, String detail,
                           Instant updatedAt, NotificationKind kind, int attempts, Instant nextAttemptAt,
                           Integer segments, String encoding) {
    }
}
