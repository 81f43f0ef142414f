package dev.tandem.query.timeline;

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
        return access.requireCanReadFamily(PlatformPrincipal.of(jwt), familyId)
                .then(queries.fetch(new FetchFamilyTimeline(familyId, pageSize, before, null), TimelinePage.class));
    }

    /** Each new or changed entry as one event; a comment at once and every 20 s keeps proxies from closing the stream. */
    @GetMapping(path = "/api/families/{familyId}/timeline/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<TimelineEntry>> stream(@PathVariable String familyId, @AuthenticationPrincipal Jwt jwt) {
        Flux<ServerSentEvent<TimelineEntry>> entries = Flux.defer(() -> {
            SubscriptionQueryResult<TimelinePage, TimelineEntry> result = queries.gateway().subscriptionQuery(
                    new FetchFamilyTimeline(familyId, 1, null, null),
                    ResponseTypes.instanceOf(TimelinePage.class),
                    ResponseTypes.instanceOf(TimelineEntry.class));
            return result.updates()
                    .map(entry -> ServerSentEvent.builder(entry).id(entry.id()).event("entry").build())
                    .doFinally(signal -> result.close());
        });
        // The first comment goes out at once, so the client knows the stream is open.
        Flux<ServerSentEvent<TimelineEntry>> heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> ServerSentEvent.<TimelineEntry>builder().comment("keep-alive").build());
        return access.requireCanReadFamily(PlatformPrincipal.of(jwt), familyId)
                .thenMany(Flux.merge(entries, heartbeat));
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
