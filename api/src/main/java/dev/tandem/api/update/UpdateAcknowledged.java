package dev.tandem.api.update;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A carer has seen an update; recorded once per carer. {@code childId} is null for an announcement. */
@Revision("1")
public record UpdateAcknowledged(String updateId, String childId, String familyId, String carerId,
                                 Instant acknowledgedAt) {
}
