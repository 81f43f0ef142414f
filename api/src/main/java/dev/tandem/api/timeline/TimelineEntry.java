package dev.tandem.api.timeline;

import dev.tandem.api.common.EyfsArea;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One update as a family sees it. Fields that do not apply to its type are null or empty. Beyond the
 * contract: {@code eventDate} and {@code urgent} of an announcement, {@code inReplyTo} of feedback.
 */
public record TimelineEntry(String id, EntryType type, String childId, String childName, Author author,
                            Instant occurredAt, String title, String text, Set<EyfsArea> areas, String nextSteps,
                            Meeting meeting, List<Reply> replies, List<String> acknowledgedBy, LocalDate eventDate,
                            boolean urgent, String inReplyTo) {

    public enum EntryType { OBSERVATION, MEETING, FEEDBACK, ANNOUNCEMENT }

    public record Author(String id, String name) {
    }

    public record Meeting(Instant startsAt, Integer durationMinutes, String location, String status) {
    }

    public record Reply(String id, String carerId, String text, String channel, Instant receivedAt) {
    }
}
