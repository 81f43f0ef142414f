package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import java.time.Instant;
import java.util.Optional;

/** One way of reaching a carer, through one provider's real client. */
public interface ChannelSender {

    Channel channel();

    /** Why this channel cannot reach the carer (no phone, provider not configured...), or empty if it can. */
    Optional<String> unusableBecause(RecipientCarer carer);

    /** Where a message to this carer goes on this channel (personal data), as recorded before the call. */
    String addressOf(RecipientCarer carer);

    /** Hands the message to the provider. Never throws for a provider's failure: that is a classified result. */
    SendResult send(RecipientCarer carer, RenderedMessage message);

    /**
     * After a crash cut a call off: whether the provider took this message to {@code address} since
     * {@code since}. Providers that cannot be asked answer {@link Lookup#cannotAsk()}.
     */
    default Lookup lookUp(String address, RenderedMessage message, Instant since) {
        return Lookup.cannotAsk();
    }

    /** What a provider said when asked whether it took a message. */
    record Lookup(Kind kind, String providerId) {

        public enum Kind { FOUND, NOT_FOUND, CANNOT_ASK, ASKING_FAILED }

        public static Lookup found(String providerId) {
            return new Lookup(Kind.FOUND, providerId);
        }

        public static Lookup notFound() {
            return new Lookup(Kind.NOT_FOUND, null);
        }

        public static Lookup cannotAsk() {
            return new Lookup(Kind.CANNOT_ASK, null);
        }

        public static Lookup askingFailed() {
            return new Lookup(Kind.ASKING_FAILED, null);
        }
    }
}
