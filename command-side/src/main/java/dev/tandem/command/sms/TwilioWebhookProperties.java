package dev.tandem.command.sms;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How inbound Twilio webhooks are verified: the signature is an HMAC of the public URL Twilio called,
 * keyed with the account's auth token.
 */
@Validated
@ConfigurationProperties("platform.twilio")
public record TwilioWebhookProperties(
        @NotBlank(message = "set TWILIO_AUTH_TOKEN: inbound SMS cannot be verified without it") String authToken) {

    @Override
    public String toString() {
        return "TwilioWebhookProperties[****]";
    }
}
