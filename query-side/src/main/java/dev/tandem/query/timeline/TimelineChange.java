package dev.tandem.query.timeline;

import dev.tandem.api.timeline.TimelineEntry;

/**
 * What a live subscriber of a family's timeline is sent: an entry that is new or changed, or the id
 * of an entry to drop, because its update was withdrawn or the reading carer was barred from its
 * child (the stream sends it as an event named {@code withdrawn}, data {@code {"id": ...}}). Each
 * carries the position of the change, the stream event's id. It stays inside the query side, where
 * both the emitter and the stream live.
 */
public sealed interface TimelineChange {

    StreamPosition position();

    /** The change as a reader of this language reads it ({@link TimelineEntry#readIn}). */
    default TimelineChange readIn(String language) {
        return this instanceof Changed changed ? new Changed(changed.entry().readIn(language), changed.position())
                : this;
    }

    record Changed(TimelineEntry entry, StreamPosition position) implements TimelineChange {
    }

    record Withdrawn(String id, StreamPosition position) implements TimelineChange {
    }
}
