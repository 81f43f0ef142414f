package dev.tandem.api.delivery;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Nothing was sent to the carer about an update: no channel of theirs could be used (no phone, no
 * email, no device), they are restricted from the child, or the update was withdrawn first (also while
 * a retry was waiting). Revision 2 added {@code kind}: revision 1 events are read as about the update
 * shared.
 */
@Revision("2")
public record NotificationSkipped(String updateId, String childId, String familyId, String carerId,
                                  String reason, Instant skippedAt, NotificationKind kind) {

    /** About the first telling of the update. */
    public NotificationSkipped(String updateId, String childId, String familyId, String carerId, String reason,
                               Instant skippedAt) {
        this(updateId, childId, familyId, carerId, reason, skippedAt, NotificationKind.SHARED);
    }
}
