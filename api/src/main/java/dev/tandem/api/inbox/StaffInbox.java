package dev.tandem.api.inbox;

import java.time.Instant;
import java.util.List;

public record StaffInbox(List<Item> items) {

    /**
     * One carer's words. When they wrote in another language than the setting's, {@code text} is the
     * machine translation, {@code translated} true and {@code originalText} what they wrote, in
     * {@code originalLanguage}.
     */
    public record Item(String replyId, String updateId, String childId, String familyId, String carerId, String text,
                       String channel, Instant receivedAt, boolean translated, String originalText,
                       String originalLanguage) {
    }
}
