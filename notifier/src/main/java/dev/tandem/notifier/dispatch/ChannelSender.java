package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import java.time.Instant;
import java.util.Optional;

/**
 * One way of reaching a carer, through one provider's real client. The steps every channel takes are
 * here, once: a channel whose provider is not configured is never usable; a message goes to exactly the
 * address recorded before the call ({@link #addressOf}); and a provider's failure comes back as a
 * classified {@link SendResult}, never as an exception. Each channel says only how its provider is
 * called ({@link #deliver}) and what its provider's failures mean ({@link #classify}). The client's
 * timeouts are set where it is built ({@link ProviderTimeouts}); what was sent is logged, by ids only, by
 * {@link Dispatcher}, which knows the update and the carer.
 */
public abstract class ChannelSender {

    private final Channel channel;
    private final Optional<String> off;
    private final String noAddress;

    /**
     * @param off why the channel is off (its provider is not configured), or empty if it is on
     * @param noAddress why a carer with no address on this channel cannot be reached by it
     */
    protected ChannelSender(Channel channel, Optional<String> off, String noAddress) {
        this.channel = channel;
        this.off = off;
        this.noAddress = noAddress;
    }

    public final Channel channel() {
        return channel;
    }

    /** Why this channel cannot reach the carer (no phone, provider not configured...), or empty if it can. */
    public final Optional<String> unusableBecause(RecipientCarer carer) {
        return off.or(() -> declines(carer)).or(() -> unusableFor(addressOf(carer)));
    }

    /** Why nothing can go to this address on this channel (none given, provider not configured), or empty if it can. */
    public final Optional<String> unusableFor(String address) {
        if (off.isPresent()) {
            return off;
        }
        return address != null && !address.isBlank() ? Optional.empty() : Optional.of(noAddress);
    }

    /** Where a message to this carer goes on this channel (personal data), as recorded before the call. */
    public abstract String addressOf(RecipientCarer carer);

    /** Hands the message to the provider, at the carer's address on this channel. */
    public final SendResult send(RecipientCarer carer, RenderedMessage message) {
        return sendTo(addressOf(carer), message);
    }

    /**
     * Hands the message to the provider for one address. Never throws for a provider's failure: that is
     * a classified result. Anything the channel does not recognise is thrown on, to be taken as unknown.
     */
    public final SendResult sendTo(String address, RenderedMessage message) {
        try {
            return deliver(address, message);
        } catch (Exception e) {
            return classify(e).orElseThrow(() -> e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("unclassified " + channel + " provider failure", e));
        }
    }

    /**
     * After a crash cut a call off: whether the provider took this message to {@code address} since
     * {@code since}. Providers that cannot be asked answer {@link Lookup#cannotAsk()}.
     */
    public Lookup lookUp(String address, RenderedMessage message, Instant since) {
        return Lookup.cannotAsk();
    }

    /** Why this carer may not be reached on this channel whatever their address (they opted out), if so. */
    protected Optional<String> declines(RecipientCarer carer) {
        return Optional.empty();
    }

    /**
     * Calls the provider's client for {@code address} and answers what it took ({@link SendResult#accepted},
     * or a classified result the provider answered without failing). A provider's failure is thrown.
     */
    protected abstract SendResult deliver(String address, RenderedMessage message) throws Exception;

    /**
     * What a failure thrown by {@link #deliver} means ({@link ProviderOutcomes}), with a short reason that
     * names no person; empty for a failure this channel does not recognise.
     */
    protected abstract Optional<SendResult> classify(Exception failure);

    /** What a provider said when asked whether it took a message. */
    public record Lookup(Kind kind, String providerId) {

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
