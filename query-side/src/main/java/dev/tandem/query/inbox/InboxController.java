package dev.tandem.query.inbox;

import dev.tandem.api.common.Role;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
class InboxController {

    private final Queries queries;
    private final QueryDirectory directory;

    InboxController(Queries queries, QueryDirectory directory) {
        this.queries = queries;
        this.directory = directory;
    }

    /** A staff member reads their own inbox; a manager reads the inbox of any staff member of their setting. */
    @GetMapping("/api/staff/{staffId}/inbox")
    Mono<StaffInbox> inbox(@PathVariable String staffId, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        Mono<Void> allowed = staffId.equals(principal.subjectId()) && !principal.is(Role.CARER) ? Mono.empty()
                : directory.staff(staffId)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no staff member " + staffId + ".")))
                .flatMap(staff -> principal.is(Role.MANAGER) && principal.isStaffOf(staff.settingId()) ? Mono.<Void>empty()
                        : Mono.error(ReadAccess.forbidden("Only this staff member or a manager of their setting may read this inbox.")));
        return allowed.then(queries.fetch(new FetchStaffInbox(staffId), StaffInbox.class));
    }
}
