package dev.tandem.query.timeline;

import dev.tandem.api.common.Role;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.update.FetchUpdate;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.support.security.PlatformPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** One update read as the reader may see it: a timeline entry. */
@RestController
class UpdateViewController {

    private final Queries queries;
    private final ReadAccess access;
    private final ViewLookups lookups;

    UpdateViewController(Queries queries, ReadAccess access, ViewLookups lookups) {
        this.queries = queries;
        this.access = access;
        this.lookups = lookups;
    }

    /**
     * Where a create's {@code Location} points: the update as a timeline entry. A carer reads it from
     * their own family's timeline, so an update of another family, one they are barred from, or a
     * withdrawn one is not there (404), and a carer of an erased family is refused (403). Staff of its
     * setting read all its families' replies together; staff of another setting are refused (403); a
     * withdrawn update has left every view (404).
     */
    @GetMapping("/api/updates/{updateId}")
    Mono<TimelineEntry> update(@PathVariable String updateId, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        Mono<TimelineEntry> entry;
        if (principal.is(Role.CARER)) {
            entry = principal.familyId()
                    .map(familyId -> access.requireCanReadFamily(principal, familyId)
                            .then(queries.fetch(new FetchUpdate(updateId, familyId, principal.subjectId()),
                                    TimelineEntry.class))
                            // in the carer's own language, as in their timeline
                            .zipWith(lookups.languageOf(principal.subjectId()).defaultIfEmpty(""),
                                    (found, language) -> found.readIn(language.isEmpty() ? null : language)))
                    .orElseGet(Mono::empty);
        } else {
            entry = access.requireStaffOfUpdate(principal, updateId)
                    .then(queries.fetch(new FetchUpdate(updateId, null, null), TimelineEntry.class));
        }
        return entry.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no update " + updateId + ".")));
    }
}
