package dev.tandem.query.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** An opaque page cursor: the position (time, id) of the last entry of the previous page. */
record Cursor(Instant occurredAt, String id) {

    String encode() {
        String raw = occurredAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Cursor> decode(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return Optional.of(new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor this platform gave out", e);
        }
    }

    static boolean isValid(String value) {
        try {
            decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
