package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider accepted a message about an update for one carer on one channel, after {@code attempts}
 * calls (more than one when the provider was unavailable at first). For SMS, {@code segments} and
 * {@code encoding} ({@code GSM-7} or {@code UCS-2}) say how Twilio counts the message; null on other
 * channels. Revision 2 added {@code kind}, {@code attempts}, {@code segments} and {@code encoding}:
 * revision 1 events are read with one attempt and no kind (shared).
 */
@Revision("2")
public record NotificationSent(String notificationId, String updateId, String childId, String familyId,
                               String carerId, Channel channel, String language, @PersonalData(of = PersonalData.Subject.CARER) String address,
                               String providerId, Instant sentAt, NotificationKind kind, Integer attempts,
                               Integer segments, String encoding) {

    /** A first telling accepted at the first attempt, with nothing known of its segments. */
    public NotificationSent(String notificationId, String updateId, String childId, String familyId, String carerId,
                            Channel channel, String language, String address, String providerId, Instant sentAt) {
        this(notificationId, updateId, childId, familyId, carerId, channel, language, address, providerId, sentAt,
                NotificationKind.SHARED, 1, null, null);
    }
}
