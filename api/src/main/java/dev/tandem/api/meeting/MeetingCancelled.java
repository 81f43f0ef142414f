package dev.tandem.api.meeting;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A booked meeting will not take place. */
@Revision("1")
public record MeetingCancelled(String meetingId, String childId, String familyId, String settingId,
                               String keyPersonId, Instant startsAt, @PersonalData String reason, String cancelledBy,
                               Instant cancelledAt) {
}
