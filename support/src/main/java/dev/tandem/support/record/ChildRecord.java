package dev.tandem.support.record;

import java.util.List;

/**
 * A child's safeguarding record as read from the event store: the events shown, oldest first, and
 * whether the chain recomputed from the stored rows still matches its seals.
 */
public record ChildRecord(String childId, List<StoredEvent> events, Integrity integrity) {

    public ChildRecord {
        events = List.copyOf(events);
    }

    /**
     * {@code brokenAt} is the global index (the {@code sequence} a review shows) of the first event that no
     * longer matches: changed, removed, or inserted behind the platform's back; null when verified.
     * {@code headHash} is the hex of the hash the recomputation ended on.
     */
    public record Integrity(boolean verified, int eventCount, String headHash, Long brokenAt) {
    }
}
