package dev.tandem.command.lookup;

import dev.tandem.api.common.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules that span aggregates need to know: which setting a staff member, room, family or
 * child belongs to, who a child's key person is, which family a carer is in, what was last sent to a
 * carer by SMS, which updates went to which families, when a key person has meetings. Aggregates take
 * it as a handler parameter.
 */
public interface RuleLookups {

    boolean settingExists(String settingId);

    Optional<StaffEntry> staff(String staffId);

    Optional<String> settingOfRoom(String roomId);

    Optional<String> settingOfFamily(String familyId);

    Optional<CarerEntry> carer(String carerId);

    Optional<CarerEntry> carerByPhone(String phone);

    /** The BCP 47 tag of the language the carer last stated, if any. */
    Optional<String> preferredLanguageOf(String carerId);

    /** The BCP 47 tag of the setting's default language, if the setting is known. */
    Optional<String> defaultLanguageOf(String settingId);

    Optional<ChildEntry> child(String childId);

    Optional<ChildEntry> youngestChildOf(String familyId);

    /** Whether the carer is barred from everything about the child. */
    boolean isRestricted(String childId, String carerId);

    /** The update most recently sent to this carer by SMS within the window and not withdrawn, if any. */
    Optional<String> latestUpdateSentBySms(String carerId, Instant now, Duration window);

    /** The children of a room (or of a whole setting), for an announcement's recipients. */
    List<ChildEntry> childrenInRoom(String roomId);

    List<ChildEntry> childrenInSetting(String settingId);

    /**
     * Whether the key person has another BOOKED meeting that overlaps {@code [startsAt, endsAt)}, not
     * counting {@code excludedMeetingId} (the one being moved; null when booking). Called by a command
     * handler inside the command's transaction, and safe against a concurrent booking of the same key
     * person: the second waits for the first to commit and then sees its meeting.
     */
    boolean hasOverlappingMeeting(String keyPersonId, Instant startsAt, Instant endsAt, String excludedMeetingId);

    /** An update (of any kind) and the families it went to. */
    Optional<UpdateEntry> update(String updateId);

    /** The child a safeguarding concern is about. */
    Optional<String> childOfConcern(String concernId);

    /** The family whose carer sent a reply or message. */
    Optional<String> familyOfReply(String replyId);

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

    /** {@code childId} is null for an announcement. */
    record UpdateEntry(String updateId, String settingId, String childId, Set<String> familyIds) {
    }
}
