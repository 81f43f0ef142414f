package dev.tandem.api.delivery;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A notification about an update is being held back for one carer (their quiet hours) and will be sent
 * at {@code until}, unless what happens meanwhile (a withdrawal, a restriction) settles it otherwise; a
 * later {@link NotificationSent}, {@link NotificationFailed} or {@link NotificationSkipped} tells how it
 * ended. Published by the notifier. For an announcement {@code childId} is null. Revision 2 added
 * {@code kind}: revision 1 events are read as about the update shared.
 */
@Revision("2")
public record NotificationHeldBack(String updateId, String childId, String familyId, String carerId,
                                   String language, Instant until, String reason, Instant heldBackAt,
                                   NotificationKind kind) {

    /** About the first telling of the update. */
    public NotificationHeldBack(String updateId, String childId, String familyId, String carerId, String language,
                                Instant until, String reason, Instant heldBackAt) {
        this(updateId, childId, familyId, carerId, language, until, reason, heldBackAt, NotificationKind.SHARED);
    }
}
