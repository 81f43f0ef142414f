package dev.tandem.api.meeting;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A meeting with a child's key person was booked for the child's family. {@code meetingId} is its update id. */
@Revision("1")
public record MeetingBooked(String meetingId, String childId, String familyId, String settingId, String keyPersonId,
                            String authorId, Instant startsAt, int durationMinutes, @PersonalData String location,
                            @PersonalData String purpose, Instant bookedAt) {
}
