package dev.tandem.api.timeline;

import java.util.List;

public record TimelinePage(List<TimelineEntry> entries, String next) {

    /** The page as a reader of this language reads it ({@link TimelineEntry#readIn}). */
    public TimelinePage readIn(String language) {
        return new TimelinePage(entries.stream().map(entry -> entry.readIn(language)).toList(), next);
    }
}
