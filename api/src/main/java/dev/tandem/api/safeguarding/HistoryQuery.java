package dev.tandem.api.safeguarding;

import java.time.Instant;

/**
 * What a safeguarding review asked for: events whose time lies in {@code [from, to]}, in the record as it
 * stood at {@code asOf}. Each bound is null when not given.
 */
public record HistoryQuery(Instant from, Instant to, Instant asOf) {

    public static HistoryQuery everything() {
        return new HistoryQuery(null, null, null);
    }
}
