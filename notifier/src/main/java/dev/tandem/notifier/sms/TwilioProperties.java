package dev.tandem.notifier.sms;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio account and sender. {@code apiBaseUrl}, when set (a plain-http stand-in such as
 * {@code http://127.0.0.1:8089}), receives every request the SDK makes instead of Twilio.
 */
@ConfigurationProperties("platform.twilio")
public record TwilioProperties(String accountSid, String authToken, String fromNumber, URI apiBaseUrl) {

    public boolean configured() {
        return hasText(accountSid) && hasText(authToken);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
