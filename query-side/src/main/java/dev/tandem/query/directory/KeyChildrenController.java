package dev.tandem.query.directory;

import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.query.Queries;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class KeyChildrenController {

    private final Queries queries;
    private final ReadAccess access;

    KeyChildrenController(Queries queries, ReadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** A key person's own key children (to choose whom to share about); a manager may look at any of their staff's. */
    @GetMapping("/api/staff/{staffId}/children")
    Mono<KeyChildren> keyChildren(@PathVariable String staffId, @AuthenticationPrincipal Jwt jwt) {
        return access.requireSelfOrManagerOf(PlatformPrincipal.of(jwt), staffId)
                .then(queries.fetch(new FetchKeyChildren(staffId), KeyChildren.class));
    }
}
