package dev.tandem.api.child;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A carer's bar from a child was lifted: what is theirs to see is theirs again. */
@Revision("1")
public record CarerRestrictionLifted(String childId, String familyId, String settingId, String carerId,
                                     @PersonalData String reason, String liftedBy, Instant liftedAt) {
}
