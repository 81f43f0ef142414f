package dev.tandem.api.setting;

import dev.tandem.api.common.PersonalData;
import dev.tandem.api.common.Role;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A staff member joined a setting. Their password is kept apart from the event store, never here. */
@Revision("1")
public record StaffMemberRegistered(String settingId, String staffId, @PersonalData(of = PersonalData.Subject.STAFF) String name,
                                    @PersonalData(of = PersonalData.Subject.STAFF) String email, Set<Role> roles, String registeredBy) {
}
