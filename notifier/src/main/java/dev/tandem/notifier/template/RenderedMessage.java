package dev.tandem.notifier.template;

import dev.tandem.api.common.Language;
import java.util.Map;

/**
 * One update written for one carer, in one language, in the shape each channel needs. {@code data}
 * travels with a push notification so the app can open the right entry; it holds ids only.
 */
public record RenderedMessage(Language language, String smsBody, String emailSubject, String emailBody,
                              String pushTitle, String pushBody, Map<String, String> data) {

    public RenderedMessage {
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "RenderedMessage[" + language.tag() + "]";
    }
}
