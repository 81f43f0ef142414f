package dev.tandem.api.concern;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A staff member recorded a safeguarding concern about a child. Never shown to families, never
 * notified; seen only by designated safeguarding leads and in the safeguarding history.
 */
@Revision("1")
public record ConcernRecorded(String concernId, String childId, String familyId, String settingId,
                              ConcernCategory category, @PersonalData(of = PersonalData.Subject.CHILD) String text, String recordedBy,
                              Instant recordedAt) {
}
