package dev.tandem.api.delivery;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** No channel of the carer's could be used (no phone, no email, no device), so nothing was sent. */
@Revision("1")
public record NotificationSkipped(String updateId, String childId, String familyId, String carerId,
                                  String reason, Instant skippedAt) {
}
