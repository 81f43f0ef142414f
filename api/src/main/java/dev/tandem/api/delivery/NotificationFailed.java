package dev.tandem.api.delivery;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A message about an update did not reach one carer on one channel, and will not be tried on it again:
 * the provider refused it, stayed unavailable until the retry window ended, did not answer (so whether
 * it was sent cannot be known), or reported it undelivered later. The notifier then tries the carer's
 * next channel. Revision 2 added {@code kind}, {@code attempts}, {@code segments} and {@code encoding}
 * (as on {@link NotificationSent}): revision 1 events are read with one attempt and no kind (shared).
 */
@Revision("2")
public record NotificationFailed(String notificationId, String updateId, String childId, String familyId,
                                 String carerId, Channel channel, String language,
                                 @PersonalData(of = PersonalData.Subject.CARER) String reason, Instant failedAt, NotificationKind kind, Integer attempts, Integer segments,
                                 String encoding) {

    /** A first telling refused at the first attempt. */
    public NotificationFailed(String notificationId, String updateId, String childId, String familyId, String carerId,
                              Channel channel, String language, String reason, Instant failedAt) {
        this(notificationId, updateId, childId, familyId, carerId, channel, language, reason, failedAt,
                NotificationKind.SHARED, 1, null, null);
    }
}
