package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The provider of one channel was unavailable for a message about an update ({@code reason}: HTTP 429 or
 * 5xx, connection refused, SMTP 4xx), so the notifier tries it again on the same channel at
 * {@code nextAttemptAt}, durably, until the retry window ends. {@code attempts} is how many calls were
 * made so far. For SMS, {@code segments} and {@code encoding} say how Twilio counts the message.
 */
@Revision("1")
public record NotificationRetryScheduled(String notificationId, String updateId, String childId, String familyId,
                                         String carerId, Channel channel, String language, NotificationKind kind,
                                         int attempts, Instant nextAttemptAt, String reason, Integer segments,
                                         String encoding, Instant scheduledAt) {
}
