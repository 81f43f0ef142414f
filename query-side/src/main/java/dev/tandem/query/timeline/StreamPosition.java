package dev.tandem.query.timeline;

import dev.tandem.support.validation.Uuids;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the families' timelines, sent as each stream event's {@code id}: {@code <store>.<sequence>},
 * for example {@code 3f9c2a7e.1042}. The sequence numbers every change the family-views group makes to a
 * timeline, in the order it makes them (and sends them live), across entries and families; the store part
 * names the read-model store that numbered it, so that an id from another store (or one replaced since) is
 * known to be foreign rather than read as a position of this one.
 */
record StreamPosition(String store, long sequence) {

    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{8})\\.([0-9]{1,18})");

    String encode() {
        return store + "." + sequence;
    }

    /** The position, or empty for an id that is not one (an entry id from before resuming existed, say). */
    static Optional<StreamPosition> parse(String value) {
        Matcher matcher = value == null ? null : FORMAT.matcher(value);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StreamPosition(matcher.group(1), Long.parseLong(matcher.group(2))));
    }

    /**
     * Whether a stream may resume from this {@code Last-Event-ID}: a position in the format above, or an
     * entry id as streams sent before this format (treated as unknown: everything is sent again). Anything
     * else is malformed.
     */
    static boolean isResumable(String value) {
        return parse(value).isPresent() || Uuids.isUuid(value);
    }

    /** Whether this position is one this store gave out, at or before {@code released}. */
    boolean isWithin(StreamPosition released) {
        return store.equals(released.store()) && sequence <= released.sequence();
    }
}
