package dev.tandem.platform.sandbox;

import java.time.Instant;

/**
 * One message as a provider stand-in received it. {@code channel} is SMS, PUSH or EMAIL; {@code to}
 * is the phone number, device token or email address; {@code subject} is the email subject or push title.
 */
public record OutboxMessage(String channel, String to, String language, String subject, String body,
                            Instant sentAt, String providerId) {

    public static final String SMS = "SMS";
    public static final String PUSH = "PUSH";
    public static final String EMAIL = "EMAIL";
}
