package dev.tandem.api.child;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A carer is barred from a child (a court order, say): they are told nothing about the child and see none of its entries. */
@Revision("1")
public record CarerRestricted(String childId, String familyId, String settingId, String carerId,
                              @PersonalData String reason, String restrictedBy, Instant restrictedAt) {
}
