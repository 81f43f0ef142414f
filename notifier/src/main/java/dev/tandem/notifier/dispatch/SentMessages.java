package dev.tandem.notifier.dispatch;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the notifier sent, for those who only see a provider's message (the sandbox's outbox shows
 * which language an SMS was written in). Blocking: call it off the event loop.
 */
@Component
public class SentMessages {

    private final DeliveryLog log;

    public SentMessages(DeliveryLog log) {
        this.log = log;
    }

    /** The BCP 47 tag of the language a message was written in, by the provider's id for it (SID, Message-ID, FCM name). */
    public Optional<String> languageOfProviderMessage(String providerId) {
        if (providerId == null || providerId.isBlank()) {
            return Optional.empty();
        }
        return log.languageOfProviderMessage(providerId);
    }
}
