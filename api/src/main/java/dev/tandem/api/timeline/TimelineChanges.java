package dev.tandem.api.timeline;

import java.util.List;

/**
 * The changes of a family's timeline after a stream position, oldest first, each entry once at the
 * position of its last change: the entry as it is now, or (entry null) that it left the reader's view,
 * withdrawn or barred. {@code upTo} is the position they reach, the one to resume from next;
 * {@code fromTheStart} says that the position asked for was not known, so every change was sent.
 */
public record TimelineChanges(List<Change> changes, String upTo, boolean fromTheStart) {

    /** The changes as a reader of this language reads them ({@link TimelineEntry#readIn}). */
    public TimelineChanges readIn(String language) {
        return new TimelineChanges(changes.stream()
                .map(change -> change.withdrawn() ? change
                        : new Change(change.position(), change.id(), change.entry().readIn(language)))
                .toList(), upTo, fromTheStart);
    }

    public record Change(String position, String id, TimelineEntry entry) {

        /** The entry left the reader's view: its update was withdrawn, or they were barred from its child. */
        public boolean withdrawn() {
            return entry == null;
        }
    }
}
