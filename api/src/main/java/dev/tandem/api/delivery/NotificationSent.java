package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider accepted a message about an update for one carer on one channel. */
@Revision("1")
public record NotificationSent(String notificationId, String updateId, String childId, String familyId,
                               String carerId, Channel channel, String language, @PersonalData String address,
                               String providerId, Instant sentAt) {
}
