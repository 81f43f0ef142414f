package dev.tandem.query.inbox;

import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class InboxController {

    private final Queries queries;
    private final ReadAccess access;

    InboxController(Queries queries, ReadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** A staff member reads their own inbox; a manager reads the inbox of any staff member of their setting. */
    @GetMapping("/api/staff/{staffId}/inbox")
    Mono<StaffInbox> inbox(@PathVariable String staffId, @AuthenticationPrincipal Jwt jwt) {
        return access.requireSelfOrManagerOf(PlatformPrincipal.of(jwt), staffId)
                .then(queries.fetch(new FetchStaffInbox(staffId), StaffInbox.class));
    }
}
