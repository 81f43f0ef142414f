package dev.tandem.api.update;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An update was shared in error and taken back: families no longer see it and nothing more is sent
 * for it. The event store keeps the update itself. {@code childId} is null for an announcement;
 * {@code familyIds} are the families it had gone to.
 */
@Revision("1")
public record UpdateWithdrawn(String updateId, String settingId, String childId, List<String> familyIds,
                              @PersonalData(of = PersonalData.Subject.SETTING) String reason, String withdrawnBy, Instant withdrawnAt) {
}
