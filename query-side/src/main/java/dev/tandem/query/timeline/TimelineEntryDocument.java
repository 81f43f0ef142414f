package dev.tandem.query.timeline;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.query.Erasure;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stored form of one timeline entry; mapped to {@link TimelineEntry} for replies. An update about
 * a child has one document, keyed by its update id; an announcement has one per recipient family,
 * keyed by update id and family id, so that each family's replies and acknowledgements stay its own.
 * {@code recipientChildIds} are the children through whom an announcement reached the family: a carer
 * barred from all of them does not see it. {@code eventDate} is an ISO date, so that it reads back the
 * same whatever the time zone of the process. {@code changeSequence} is the {@link StreamPosition} sequence
 * of its last change, from which a resuming stream finds what changed while it was away.
 * {@code translations} are the machine translations of what staff wrote, by language.
 */
@Document(TimelineEntryDocument.COLLECTION)
record TimelineEntryDocument(@Id String id, String updateId, String familyId, String settingId, String childId,
                             String childName, TimelineEntry.EntryType type, String authorId, String authorName,
                             Instant occurredAt, String title, String text, Set<EyfsArea> areas, String nextSteps,
                             MeetingPart meeting, List<ReplyPart> replies, List<String> acknowledgedBy,
                             String eventDate, boolean urgent, String inReplyTo, Set<String> recipientChildIds,
                             Long changeSequence, Map<String, TimelineEntry.Translation> translations) {

    static final String COLLECTION = "timeline_entries";

    record ReplyPart(String id, String carerId, String text, String channel, Instant receivedAt,
                     String translatedText, String translatedLanguage) {

        ReplyPart erased() {
            return new ReplyPart(id, carerId, Erasure.erased(text), channel, receivedAt, Erasure.erased(translatedText),
                    translatedLanguage);
        }
    }

    record MeetingPart(Instant startsAt, int durationMinutes, String location, String status) {

        MeetingPart erased() {
            return new MeetingPart(startsAt, durationMinutes, Erasure.erased(location), status);
        }
    }

    TimelineEntryDocument changedAt(long sequence) {
        return new TimelineEntryDocument(id, updateId, familyId, settingId, childId, childName, type, authorId,
                authorName, occurredAt, title, text, areas, nextSteps, meeting, replies, acknowledgedBy, eventDate,
                urgent, inReplyTo, recipientChildIds, sequence, translations);
    }

    /**
     * This entry once its family is erased: every personal text (what was shared, next steps, a meeting's
     * place and purpose, the family's replies, the child's name) reads as erased; ids, kinds, times and
     * areas stay, so the timeline keeps its shape. What an announcement says is the setting's, and stays,
     * with its translations; the translations of what was shared with the family go.
     */
    TimelineEntryDocument erased() {
        boolean announcement = type == TimelineEntry.EntryType.ANNOUNCEMENT;
        return new TimelineEntryDocument(id, updateId, familyId, settingId, childId, Erasure.erased(childName), type,
                authorId, authorName, occurredAt, announcement ? title : Erasure.erased(title),
                announcement ? text : Erasure.erased(text), areas, Erasure.erased(nextSteps),
                meeting == null ? null : meeting.erased(),
                replies == null ? null : replies.stream().map(ReplyPart::erased).toList(), acknowledgedBy, eventDate,
                urgent, inReplyTo, recipientChildIds, changeSequence, announcement ? translations : Map.of());
    }

    /** Whether a carer barred from {@code restrictedChildIds} may see this entry. */
    boolean visibleDespite(Set<String> restrictedChildIds) {
        if (restrictedChildIds.isEmpty()) {
            return true;
        }
        if (childId != null) {
            return !restrictedChildIds.contains(childId);
        }
        return recipientChildIds == null || recipientChildIds.isEmpty()
                || !restrictedChildIds.containsAll(recipientChildIds);
    }

    TimelineEntry toEntry() {
        return new TimelineEntry(updateId, type, childId, childName, new TimelineEntry.Author(authorId, authorName),
                occurredAt, title, text, areas == null ? Set.of() : areas, nextSteps,
                meeting == null ? null : new TimelineEntry.Meeting(meeting.startsAt(), meeting.durationMinutes(),
                        meeting.location(), meeting.status()),
                replies == null ? List.of() : replies.stream()
                        .map(r -> new TimelineEntry.Reply(r.id(), r.carerId(), r.text(), r.channel(), r.receivedAt(),
                                r.translatedText(), r.translatedLanguage()))
                        .toList(),
                acknowledgedBy == null ? List.of() : acknowledgedBy,
                eventDate == null ? null : LocalDate.parse(eventDate), urgent, inReplyTo,
                translations == null ? Map.of() : translations);
    }

    /**
     * One update as its setting's staff see it: the entry of its only family, or for an announcement
     * the replies (oldest first) and acknowledgements of all its families together.
     */
    static TimelineEntry merged(List<TimelineEntryDocument> perFamily) {
        TimelineEntry first = perFamily.get(0).toEntry();
        if (perFamily.size() == 1) {
            return first;
        }
        List<TimelineEntry.Reply> replies = perFamily.stream()
                .flatMap(entry -> entry.toEntry().replies().stream())
                .sorted(Comparator.comparing(TimelineEntry.Reply::receivedAt).thenComparing(TimelineEntry.Reply::id))
                .toList();
        List<String> acknowledgedBy = perFamily.stream()
                .flatMap(entry -> entry.toEntry().acknowledgedBy().stream())
                .distinct()
                .toList();
        return new TimelineEntry(first.id(), first.type(), first.childId(), first.childName(), first.author(),
                first.occurredAt(), first.title(), first.text(), first.areas(), first.nextSteps(), first.meeting(),
                replies, acknowledgedBy, first.eventDate(), first.urgent(), first.inReplyTo(), first.translations());
    }
}
