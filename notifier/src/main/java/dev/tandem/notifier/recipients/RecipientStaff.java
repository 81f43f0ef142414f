package dev.tandem.notifier.recipients;

import dev.tandem.api.common.Role;
import java.util.Set;

/**
 * A member of a setting's staff as the notifier knows them: their sign-in address and roles.
 * {@code toString} names no personal data, so a staff member may safely end up in a log line.
 */
public record RecipientStaff(String id, String settingId, String name, String email, Set<Role> roles) {

    public RecipientStaff {
        roles = Set.copyOf(roles);
    }

    public boolean isSafeguardingLead() {
        return roles.contains(Role.DSL);
    }

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    @Override
    public String toString() {
        return "RecipientStaff[" + id + "]";
    }
}
