package dev.tandem.platform.sandbox;

import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The faults the stand-ins are told to answer their next requests with ({@code POST /sandbox/faults}),
 * per channel, in the order given; each request a stand-in receives takes at most one.
 */
public final class SandboxFaults {

    /** What a stand-in does instead of answering as the provider normally would. */
    public enum Kind {
        /** HTTP 503, SMTP 421: the provider is down for now. */
        UNAVAILABLE,
        /** Twilio 400 with code 21211, FCM 404 UNREGISTERED, SMTP 550: refused for good. */
        REJECTED,
        /** Takes the message and records it, but does not answer within the client's timeout. */
        NO_ANSWER,
        /** SMS only: takes the message, then reports it {@code undelivered} (Twilio 30003) to its status callback. */
        UNDELIVERED
    }

    /** By channel as the outbox names them: SMS, PUSH, EMAIL. */
    private final Map<String, Deque<Kind>> pending = new ConcurrentHashMap<>();

    public void add(String channel, Kind kind, int count) {
        Deque<Kind> faults = pending.computeIfAbsent(channel, any -> new ConcurrentLinkedDeque<>());
        for (int i = 0; i < count; i++) {
            faults.add(kind);
        }
    }

    public void clear() {
        pending.clear();
    }

    /**
     * Takes the channel's next fault if it is of this kind: a mail server meets each fault at its own step
     * of a message (MAIL FROM, RCPT TO, end of data), so a fault of another kind waits for its step.
     */
    public boolean takeIf(String channel, Kind kind) {
        Deque<Kind> faults = pending.get(channel);
        if (faults == null) {
            return false;
        }
        synchronized (faults) {
            if (faults.peek() == kind) {
                faults.poll();
                return true;
            }
            return false;
        }
    }

    /** The fault the next request on this channel is to be answered with, taken off the list. */
    public Optional<Kind> take(String channel) {
        Deque<Kind> faults = pending.get(channel);
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.poll());
    }
}
