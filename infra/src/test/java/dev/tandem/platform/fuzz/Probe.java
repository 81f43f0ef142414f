package dev.tandem.platform.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated request, sent exactly as written, and what the edge must make of it.
 *
 * @param label  what kind of malformation it is and where (for statistics and failure reports)
 * @param target the path and query, already encoded as they go on the wire
 * @param expect {@link Expect#REFUSED} for every malformed request; only a correctly signed Twilio webhook
 *               from a number no carer has may be answered 2xx (it is well-formed), and it too stores nothing
 */
record Probe(String label, String method, String target, List<Header> headers, byte[] body, Expect expect) {

    enum Expect { REFUSED, MAY_SUCCEED_STORING_NOTHING }

    record Header(String name, String value) {
        static Header bearer(String token) {
            return new Header("Authorization", "Bearer " + token);
        }

        static Header json() {
            return new Header("Content-Type", "application/json");
        }

        static Header form() {
            return new Header("Content-Type", "application/x-www-form-urlencoded");
        }
    }

    /** A malformed request, which the edge must refuse. */
    static Probe refused(String label, String method, String target, List<Header> headers, byte[] body) {
        return new Probe(label, method, target, List.copyOf(headers), body, Expect.REFUSED);
    }

    Probe labelled(String newLabel) {
        return new Probe(newLabel, method, target, headers, body, expect);
    }

    Probe withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new Probe(label, method, target, more, body, expect);
    }

    /** Without any header of this name (case-insensitive). */
    Probe withoutHeader(String name) {
        return new Probe(label, method, target,
                headers.stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList(), body, expect);
    }

    Probe replacingHeader(Header header) {
        return withoutHeader(header.name()).withHeader(header);
    }

    Probe withBody(byte[] newBody) {
        return new Probe(label, method, target, headers, newBody, expect);
    }

    Probe withTarget(String newTarget) {
        return new Probe(label, method, newTarget, headers, body, expect);
    }

    Probe mayBeAccepted() {
        return new Probe(label, method, target, headers, body, Expect.MAY_SUCCEED_STORING_NOTHING);
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder(label).append(": ").append(method).append(' ')
                .append(target.length() > 300 ? target.substring(0, 300) + "... (" + target.length() + " chars)" : target);
        for (Header header : headers) {
            String value = header.value();
            if (header.name().equalsIgnoreCase("Authorization") && value.length() > 60) {
                value = value.substring(0, 60) + "... (" + value.length() + " chars)";
            } else if (value.length() > 200) {
                value = value.substring(0, 200) + "... (" + value.length() + " chars)";
            }
            shown.append(" | ").append(header.name()).append(": ").append(value);
        }
        if (body != null) {
            shown.append(" | body: ").append(Json.Out.show(body));
        }
        return shown.toString();
    }
}
