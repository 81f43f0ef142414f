package dev.tandem.api.common;

import java.util.Set;

/**
 * The authenticated person on whose behalf a command is sent. Rules that depend on who acts
 * (a key person shares only about their key children) read it; it is never taken from a request body.
 */
public record Actor(String id, Set<Role> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public static Actor admin(String id) {
        return new Actor(id, Set.of(Role.ADMIN));
    }
}
