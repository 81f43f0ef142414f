package dev.tandem.query.timeline;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The stored form of one timeline entry; mapped to {@link TimelineEntry} for replies. */
@Document(TimelineEntryDocument.COLLECTION)
record TimelineEntryDocument(@Id String id, String familyId, String settingId, String childId, String childName,
                             TimelineEntry.EntryType type, String authorId, String authorName, Instant occurredAt,
                             String title, String text, Set<EyfsArea> areas, String nextSteps, List<ReplyPart> replies,
                             List<String> acknowledgedBy) {

    static final String COLLECTION = "timeline_entries";

    record ReplyPart(String id, String carerId, String text, String channel, Instant receivedAt) {
    }

    TimelineEntry toEntry() {
        return new TimelineEntry(id, type, childId, childName, new TimelineEntry.Author(authorId, authorName),
                occurredAt, title, text, areas == null ? Set.of() : areas, nextSteps, null,
                replies == null ? List.of() : replies.stream()
                        .map(r -> new TimelineEntry.Reply(r.id(), r.carerId(), r.text(), r.channel(), r.receivedAt()))
                        .toList(),
                acknowledgedBy == null ? List.of() : acknowledgedBy, null, false, null);
    }
}
