package dev.tandem.query.timeline;

import dev.tandem.api.common.Role;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class TimelineController {

    private static final int MAX_LIMIT = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final Queries queries;
    private final ReadAccess access;

    TimelineController(Queries queries, ReadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/families/{familyId}/timeline")
    Mono<TimelinePage> timeline(@PathVariable String familyId,
                                @RequestParam(defaultValue = "50") String limit,
                                @RequestParam(required = false) String before,
                                @AuthenticationPrincipal Jwt jwt) {
        List<FieldProblem> problems = new ArrayList<>();
        int pageSize = parseLimit(limit, problems);
        if (before != null && !Cursor.isValid(before)) {
            problems.add(new FieldProblem("before", "is not a cursor from a previous page's next"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidRequestException(problems));
        }
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        return access.requireCanReadFamily(principal, familyId)
                .then(queries.fetch(new FetchFamilyTimeline(familyId, pageSize, before, viewerCarerId(principal)),
                        TimelinePage.class));
    }

    /**
     * Each new or changed entry as one event named {@code entry}, and each withdrawn update as one named
     * {@code withdrawn} with data {@code {"id": ...}}; a carer is sent nothing about a child they are
     * barred from. A comment at once and every 20 s keeps proxies from closing the stream.
     */
    @GetMapping(path = "/api/families/{familyId}/timeline/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream(@PathVariable String familyId, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        Flux<ServerSentEvent<Object>> changes = Flux.defer(() -> {
            SubscriptionQueryResult<TimelinePage, TimelineChange> result = queries.gateway().subscriptionQuery(
                    new FetchFamilyTimeline(familyId, 1, null, viewerCarerId(principal)),
                    ResponseTypes.instanceOf(TimelinePage.class),
                    ResponseTypes.instanceOf(TimelineChange.class));
            return result.updates()
                    .map(TimelineController::event)
                    .doFinally(signal -> result.close());
        });
        // The first comment goes out at once, so the client knows the stream is open.
        Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> ServerSentEvent.builder().comment("keep-alive").build());
        return access.requireCanReadFamily(principal, familyId)
                .thenMany(Flux.merge(changes, heartbeat));
    }

    static ServerSentEvent<Object> event(TimelineChange change) {
        if (change instanceof TimelineChange.Withdrawn withdrawn) {
            return ServerSentEvent.<Object>builder(withdrawn).id(withdrawn.id()).event("withdrawn").build();
        }
        TimelineEntry entry = ((TimelineChange.Changed) change).entry();
        return ServerSentEvent.<Object>builder(entry).id(entry.id()).event("entry").build();
    }

    /** A carer reads as themselves, so that what they are barred from is left out; staff see everything. */
    private static String viewerCarerId(PlatformPrincipal principal) {
        return principal.is(Role.CARER) ? principal.subjectId() : null;
    }

    private static int parseLimit(String limit, List<FieldProblem> problems) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return 0;
    }
}
