package dev.tandem.notifier.dispatch;

import dev.tandem.api.delivery.NotificationKind;
import java.util.Set;

/**
 * Something shared that one family is to be told about. {@code childId} is the child it is about
 * (null for an announcement); {@code childIds} are the children through whom it reaches the family,
 * so a carer restricted from all of them is told nothing. {@code occasion} tells apart the times one
 * update is told ('' the first; a meeting moved or cancelled is told again). {@code urgent} updates
 * are sent even in quiet hours.
 */
public record Notice(String updateId, String occasion, String childId, String familyId, String settingId,
                     Set<String> childIds, boolean urgent) {

    public Notice {
        childIds = Set.copyOf(childIds);
    }

    /** Which telling this is, as delivery rows show it. */
    public NotificationKind kind() {
        if (occasion.isEmpty()) {
            return NotificationKind.SHARED;
        }
        if (occasion.startsWith("rescheduled")) {
            return NotificationKind.RESCHEDULED;
        }
        if (occasion.startsWith("cancelled")) {
            return NotificationKind.CANCELLED;
        }
        return occasion.startsWith("reminder") ? NotificationKind.REMINDER : NotificationKind.SHARED;
    }

    /** The first telling of an update about one child. */
    public Notice(String updateId, String childId, String familyId, String settingId) {
        this(updateId, "", childId, familyId, settingId, Set.of(childId), false);
    }
}
