package dev.tandem.api.observation;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A key person (or a manager) shared what they saw a child do, against the EYFS areas of learning. */
@Revision("1")
public record ObservationShared(String updateId, String childId, String familyId, String settingId,
                                String authorId, @PersonalData String text, Set<EyfsArea> areas,
                                @PersonalData String nextSteps, Instant sharedAt) {
}
