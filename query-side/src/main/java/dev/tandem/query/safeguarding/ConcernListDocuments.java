package dev.tandem.query.safeguarding;

import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernStatus;
import dev.tandem.api.concern.SettingConcerns;
import dev.tandem.query.Erasure;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the safeguarding concern list stores. Its child and staff names are its own copies, written by
 * its own processing group, so that the list never waits on (or is rebuilt with) a family view.
 */
final class ConcernListDocuments {

    /** An open concern with no action this long after it was recorded is overdue. */
    static final Duration ACTION_DUE_WITHIN = Duration.ofHours(24);

    private ConcernListDocuments() {
    }

    /**
     * One concern, keyed by its id, with its actions under it in the order they were recorded. Names are
     * looked up when reading, so a staff member registered after their concern is still named.
     */
    @Document("safeguarding_concerns")
    record ConcernDocument(@Id String id, String settingId, String childId, ConcernCategory category, String text,
                           String recordedBy, Instant recordedAt, ConcernStatus status, List<ActionPart> actions) {

        /**
         * The concern once its child's family is erased: its text and every action's note read as erased
         * here, the retained record being readable only in the child's safeguarding history.
         */
        ConcernDocument erased() {
            return new ConcernDocument(id, settingId, childId, category, Erasure.erased(text), recordedBy, recordedAt,
                    status, actions == null ? null : actions.stream().map(ActionPart::erased).toList());
        }

        SettingConcerns.Concern toConcern(Map<String, String> childNames, Map<String, String> staffNames,
                                          Instant now) {
            List<ActionPart> taken = actions == null ? List.of() : actions;
            boolean overdue = status == ConcernStatus.OPEN && taken.isEmpty()
                    && !now.isBefore(recordedAt.plus(ACTION_DUE_WITHIN));
            return new SettingConcerns.Concern(id, childId, childNames.get(childId), category, text,
                    new SettingConcerns.Person(recordedBy, staffNames.get(recordedBy)), recordedAt, status, overdue,
                    taken.stream()
                            .sorted(Comparator.comparing(ActionPart::at))
                            .map(action -> action.toAction(staffNames))
                            .toList());
        }
    }

    record ActionPart(String actionId, ConcernAction action, String note, String by, Instant at) {

        ActionPart erased() {
            return new ActionPart(actionId, action, Erasure.erased(note), by, at);
        }

        SettingConcerns.Action toAction(Map<String, String> staffNames) {
            return new SettingConcerns.Action(actionId, action, note, new SettingConcerns.Person(by, staffNames.get(by)),
                    at);
        }
    }

    /** A child's name; {@link Erasure#ERASED} once their family is erased (or their name can no longer be read). */
    @Document("safeguarding_children")
    record ChildNameDocument(@Id String id, String name) {

        boolean erased() {
            return Erasure.ERASED.equals(name);
        }
    }

    /** A staff member with their roles: whether they are a DSL of the setting decides who reads the list. */
    @Document("safeguarding_staff")
    record StaffDocument(@Id String id, String name, String settingId, Set<Role> roles) {
    }
}
