package dev.tandem.api.delivery;

import java.time.Instant;
import java.util.List;

public record UpdateDeliveries(List<Delivery> deliveries) {

    public enum Status { PENDING, SENT, DELIVERED, FAILED, SKIPPED }

    public record Delivery(String carerId, String channel, String language, Status status, String detail,
                           Instant updatedAt) {
    }
}
