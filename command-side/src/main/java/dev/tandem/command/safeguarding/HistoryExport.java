package dev.tandem.command.safeguarding;

import dev.tandem.api.safeguarding.HistoryQuery;
import java.time.Instant;
import java.util.List;

/**
 * A downloaded history: the record with what a reader of the file needs to weigh it (which setting and
 * child, who exported it, when and why, what was asked, and whether the record verified, with its head hash).
 */
record HistoryExport(Party setting, Party child, Exporter exportedBy, Instant exportedAt, String reason,
                     HistoryQuery query, History.Integrity integrity, List<History.Event> events) {

    HistoryExport {
        events = List.copyOf(events);
    }

    record Party(String id, String name) {
    }

    record Exporter(String id, String name, String role) {
    }
}
