package dev.tandem.support.validation;

import java.time.Instant;
import java.time.LocalDate;

/** Reads request values that were taken as strings and checked by {@link Rfc3339Instant} or {@link IsoDate}. */
public final class Values {

    private Values() {
    }

    /** The instant a valid RFC 3339 string stands for; null for null. */
    public static Instant instant(String value) {
        return value == null ? null : Instant.parse(value.strip());
    }

    /** The date a valid {@code YYYY-MM-DD} string stands for; null for null. */
    public static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value.strip());
    }
}
