package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider refused or could not be reached; the notifier then tries the carer's next channel. */
@Revision("1")
public record NotificationFailed(String notificationId, String updateId, String childId, String familyId,
                                 String carerId, Channel channel, String language, String reason,
                                 Instant failedAt) {
}
