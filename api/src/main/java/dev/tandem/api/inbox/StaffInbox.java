package dev.tandem.api.inbox;

import java.time.Instant;
import java.util.List;

public record StaffInbox(List<Item> items) {

    public record Item(String replyId, String updateId, String childId, String familyId, String carerId, String text,
                       String channel, Instant receivedAt) {
    }
}
