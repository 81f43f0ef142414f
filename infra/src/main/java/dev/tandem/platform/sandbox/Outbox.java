package dev.tandem.platform.sandbox;

import dev.tandem.notifier.dispatch.SentMessages;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Everything the stand-ins received, as one list, oldest first, read from the {@link OutboxStore} they
 * write to (so it survives a restart). An SMS carries no language of its own, so it is asked of the
 * notifier by the message's SID. Blocking: keep it off the event loop.
 */
@Component
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class Outbox {

    private final OutboxStore store;
    private final SentMessages sentMessages;

    public Outbox(OutboxStore store, SentMessages sentMessages) {
        this.store = store;
        this.sentMessages = sentMessages;
    }

    /**
     * @param to      only messages to this phone number, device token or email address (emails ignore case); null for all
     * @param channel only this channel (SMS, PUSH or EMAIL); null for all
     */
    public List<OutboxMessage> messages(String to, String channel) {
        return store.all().stream()
                .filter(message -> channel == null || channel.equals(message.channel()))
                .filter(message -> to == null || sameRecipient(message.channel(), to, message.to()))
                .map(this::withLanguage)
                .sorted(Comparator.comparing(OutboxMessage::sentAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private OutboxMessage withLanguage(OutboxMessage message) {
        String language = Optional.ofNullable(message.language())
                .or(() -> sentMessages.languageOfProviderMessage(message.providerId()))
                .orElse(null);
        return new OutboxMessage(message.channel(), message.to(), language, message.subject(), message.body(),
                message.sentAt(), message.providerId());
    }

    private static boolean sameRecipient(String channel, String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        return switch (channel) {
            case OutboxMessage.SMS -> samePhone(wanted, actual);
            case OutboxMessage.EMAIL -> wanted.equalsIgnoreCase(actual);
            default -> wanted.equals(actual);
        };
    }

    /** A "+" left unencoded in a query string arrives as a space: compare the digits. */
    private static boolean samePhone(String wanted, String actual) {
        return wanted.equals(actual) || digits(wanted).equals(digits(actual));
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }
}
