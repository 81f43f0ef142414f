package dev.tandem.api.concern;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A designated safeguarding lead recorded what they did about a concern (noted it, discussed it with the
 * family, referred it, closed it...). Like the concern itself, never shown to families or notified to them.
 */
@Revision("1")
public record ConcernActionRecorded(String actionId, String concernId, String childId, String settingId,
                                    ConcernAction action, @PersonalData(of = PersonalData.Subject.CHILD) String note, String recordedBy,
                                    Instant recordedAt) {
}
