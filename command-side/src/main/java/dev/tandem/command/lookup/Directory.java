package dev.tandem.command.lookup;

import dev.tandem.api.common.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules that span aggregates need to know: which setting a staff member, room, family or
 * child belongs to, who a child's key person is, which family a carer is in, what was last sent to a
 * carer by SMS. Aggregates take it as a handler parameter.
 */
public interface Directory {

    boolean settingExists(String settingId);

    Optional<StaffEntry> staff(String staffId);

    Optional<String> settingOfRoom(String roomId);

    Optional<String> settingOfFamily(String familyId);

    Optional<CarerEntry> carer(String carerId);

    Optional<CarerEntry> carerByPhone(String phone);

    /** The BCP 47 tag of the language the carer last stated, if any. */
    Optional<String> preferredLanguageOf(String carerId);

    Optional<ChildEntry> child(String childId);

    Optional<ChildEntry> youngestChildOf(String familyId);

    /** Whether the carer is barred from everything about the child. */
    boolean isRestricted(String childId, String carerId);

    /** The update most recently sent to this carer by SMS within the window, if any. */
    Optional<String> latestUpdateSentBySms(String carerId, Instant now, Duration window);

    record StaffEntry(String staffId, String settingId, Set<Role> roles) {
        public boolean is(Role role) {
            return roles.contains(role);
        }
    }

    record CarerEntry(String carerId, String familyId, String settingId) {
    }

    record ChildEntry(String childId, String settingId, String familyId, String roomId, String keyPersonId,
                      LocalDate dateOfBirth) {
    }
}
