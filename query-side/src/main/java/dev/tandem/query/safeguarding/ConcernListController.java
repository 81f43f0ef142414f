package dev.tandem.query.safeguarding;

import dev.tandem.api.concern.ConcernStatus;
import dev.tandem.api.concern.FetchSettingConcerns;
import dev.tandem.api.concern.SettingConcerns;
import dev.tandem.query.Queries;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.InvalidRequestException;
import java.util.Arrays;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ConcernListController {

    private final Queries queries;
    private final SafeguardingLeadAccess access;

    ConcernListController(Queries queries, SafeguardingLeadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /**
     * A DSL of the setting lists its concerns, newest first, open or closed ({@code status}) or both. Who
     * asks is checked before what is asked: anyone else is refused whatever the query string says.
     */
    @GetMapping("/api/settings/{settingId}/concerns")
    Mono<SettingConcerns> concerns(@PathVariable String settingId,
                                   @RequestParam(required = false) String status,
                                   @AuthenticationPrincipal Jwt jwt) {
        return access.requireLeadOf(PlatformPrincipal.of(jwt), settingId)
                .then(Mono.defer(() -> fetch(settingId, status)));
    }

    private Mono<SettingConcerns> fetch(String settingId, String status) {
        if (status != null && !isStatus(status)) {
            return Mono.error(InvalidRequestException.of("status", "must be OPEN or CLOSED"));
        }
        ConcernStatus wanted = status == null ? null : ConcernStatus.valueOf(status);
        return queries.fetch(new FetchSettingConcerns(settingId, wanted), SettingConcerns.class);
    }

    private static boolean isStatus(String value) {
        return Arrays.stream(ConcernStatus.values()).anyMatch(status -> status.name().equals(value));
    }
}
