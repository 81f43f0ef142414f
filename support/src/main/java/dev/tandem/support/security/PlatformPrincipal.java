package dev.tandem.support.security;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, read from a verified bearer token. */
public record PlatformPrincipal(String subjectId, Set<Role> roles, Optional<String> settingId,
                                Optional<String> familyId) {

    public static final String ROLES = "roles";
    public static final String SETTING_ID = "settingId";
    public static final String FAMILY_ID = "familyId";

    public static PlatformPrincipal of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES);
        return new PlatformPrincipal(jwt.getSubject(),
                roles == null ? Set.of() : roles.stream().map(Role::valueOf).collect(Collectors.toUnmodifiableSet()),
                Optional.ofNullable(jwt.getClaimAsString(SETTING_ID)),
                Optional.ofNullable(jwt.getClaimAsString(FAMILY_ID)));
    }

    public Actor actor() {
        return new Actor(subjectId, roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public boolean isStaffOf(String settingId) {
        return this.settingId.filter(settingId::equals).isPresent() && !is(Role.CARER);
    }

    public boolean isCarerOf(String familyId) {
        return is(Role.CARER) && this.familyId.filter(familyId::equals).isPresent();
    }
}
