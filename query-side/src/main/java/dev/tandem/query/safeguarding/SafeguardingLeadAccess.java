package dev.tandem.query.safeguarding;

import dev.tandem.api.common.Role;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may read a setting's concerns, deny by default: a DSL of that setting, by their token (the DSL
 * role, signed in to that setting) and by what they were registered with (this group's own staff
 * lookup). A manager, key person, carer or admin who is not such a DSL is refused, as is anyone whose
 * token claims more than their registration holds.
 */
@Component
class SafeguardingLeadAccess {

    private final ConcernListProjection concerns;

    SafeguardingLeadAccess(ConcernListProjection concerns) {
        this.concerns = concerns;
    }

    Mono<Void> requireLeadOf(PlatformPrincipal principal, String settingId) {
        if (!principal.is(Role.DSL) || !principal.isStaffOf(settingId)) {
            return Mono.error(refused());
        }
        return concerns.isSafeguardingLeadOf(principal.subjectId(), settingId)
                .flatMap(lead -> lead ? Mono.<Void>empty() : Mono.error(refused()));
    }

    private static RuntimeException refused() {
        return ReadAccess.forbidden("Only a designated safeguarding lead of this setting may see its concerns.");
    }
}
