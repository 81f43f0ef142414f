package dev.tandem.api.common;

/**
 * A password already hashed at the edge. It travels in a command so that credentials are written in
 * the same transaction as the event, but it is never put into an event and never printed.
 */
public record EncodedPassword(String value) {

    @Override
    public String toString() {
        return "EncodedPassword[****]";
    }
}
