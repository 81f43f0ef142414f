package dev.tandem.api.common;

import java.util.Locale;

/** Who someone is to the platform. One staff member may hold several of the staff roles. */
public enum Role {
    ADMIN, MANAGER, DSL, KEY_PERSON, CARER;

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role fromAuthority(String authority) {
        return valueOf(authority.substring("ROLE_".length()).toUpperCase(Locale.ROOT));
    }
}
