package dev.tandem.command.safeguarding;

import dev.tandem.api.safeguarding.HistoryQuery;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A child's safeguarding history as a review answers it: every event that concerns the child, oldest
 * first, with its payload exactly as stored, and the integrity of the chain recomputed for them.
 */
record History(String childId, Instant generatedAt, HistoryQuery query, Integrity integrity, List<Event> events) {

    History {
        events = List.copyOf(events);
    }

    record Integrity(boolean verified, int eventCount, String headHash, Long brokenAt) {
    }

    /** {@code sequence} is the event's global index in the store; {@code eventId} its stored identifier. */
    record Event(long sequence, String eventId, String type, String occurredAt, Actor actor, JsonNode payload) {
    }

    /**
     * Who acted: a person's id and the role they acted in ({@code roles} all they held), or the platform
     * itself ({@code SYSTEM}) for what it did on its own, such as sending a notification.
     */
    record Actor(String id, String role, List<String> roles) {
    }
}
