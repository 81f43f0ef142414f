package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The provider reported how a message it accepted fared (for SMS, Twilio's status callback): delivered
 * to the handset, or failed with the provider's error code. Only a status that moves forward is recorded.
 */
@Revision("1")
public record NotificationStatusReported(String notificationId, String updateId, String childId, String familyId,
                                         String carerId, Channel channel, ProviderStatus status, String errorCode,
                                         Instant reportedAt) {
}
