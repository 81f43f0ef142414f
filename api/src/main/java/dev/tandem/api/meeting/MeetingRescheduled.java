package dev.tandem.api.meeting;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A booked meeting moved to another time (or length); {@code previousStartsAt} is where it was. */
@Revision("1")
public record MeetingRescheduled(String meetingId, String childId, String familyId, String settingId,
                                 String keyPersonId, Instant previousStartsAt, Instant startsAt, int durationMinutes,
                                 String rescheduledBy, Instant rescheduledAt) {
}
