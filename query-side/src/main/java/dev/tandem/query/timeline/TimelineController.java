package dev.tandem.query.timeline;

import dev.tandem.api.common.Role;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.FetchTimelineChanges;
import dev.tandem.api.timeline.TimelineChanges;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class TimelineController {

    private static final int MAX_LIMIT = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    /** How long an EventSource waits before it reconnects (3 s): soon, but not at once after a stop. */
    static final Duration RETRY = Duration.ofSeconds(3);
    private static final ServerSentEvent<Object> OPENED = ServerSentEvent.builder().retry(RETRY).comment("open")
            .build();

    private final Queries queries;
    private final ReadAccess access;
    private final OpenStreams openStreams;
    private final ViewLookups lookups;

    TimelineController(Queries queries, ReadAccess access, OpenStreams openStreams, ViewLookups lookups) {
        this.queries = queries;
        this.access = access;
        this.openStreams = openStreams;
        this.lookups = lookups;
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
        String viewer = viewerCarerId(principal);
        return access.requireCanReadFamily(principal, familyId)
                .then(readerLanguage(viewer))
                .flatMap(language -> queries.fetch(new FetchFamilyTimeline(familyId, pageSize, before, viewer),
                        TimelinePage.class).map(page -> page.readIn(language.orElse(null))));
    }

    /** A carer reads in their own language (translations where there are some); staff read the original. */
    private Mono<Optional<String>> readerLanguage(String viewerCarerId) {
        return lookups.languageOf(viewerCarerId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /**
     * Each new or changed entry as one event named {@code entry}, and each entry to drop (withdrawn, or
     * about a child the carer has been barred from) as one named {@code withdrawn} with data
     * {@code {"id": ...}}; a carer is sent nothing about a child they are barred from. Each event's id is
     * its {@link StreamPosition}. The stream opens with a {@code retry} hint and a comment, and a comment
     * every 20 s keeps proxies from closing it.
     *
     * <p>With {@code Last-Event-ID} (or, for clients that cannot set headers, {@code lastEventId}; the
     * header wins, being the newer) it first sends what changed after that event, each entry once at its
     * latest, oldest first, then an id-only event with the position reached, then goes live. The live
     * subscription is opened before anything is read back, and the live changes the read-back already holds
     * are left out, so nothing falls between the two and nothing comes twice. Without one it sends that
     * position at once, so that even a client that receives nothing before it is cut off can resume. An
     * id this platform never gives out is refused (400) before the stream starts; an entry id (what streams
     * sent before they could resume) or a position of another store resumes from the start.
     *
     * <p>A carer's stream ends when their family is erased, and opening it again is refused (403).
     */
    @GetMapping(path = "/api/families/{familyId}/timeline/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream(@PathVariable String familyId,
                                         @RequestHeader(name = LAST_EVENT_ID, required = false) String header,
                                         @RequestParam(name = "lastEventId", required = false) String parameter,
                                         @AuthenticationPrincipal Jwt jwt) {
        boolean fromHeader = header != null && !header.isBlank();
        String lastEventId = fromHeader ? header.strip() : parameter == null || parameter.isBlank() ? null
                : parameter.strip();
        if (lastEventId != null && !StreamPosition.isResumable(lastEventId)) {
            return Flux.error(InvalidRequestException.of(fromHeader ? LAST_EVENT_ID : "lastEventId",
                    "is not an event id this stream gave out"));
        }
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        String viewer = viewerCarerId(principal);
        Flux<ServerSentEvent<Object>> changes = readerLanguage(viewer).flatMapMany(read -> {
            String language = read.orElse(null);
            // Subscribed before anything is read back, so that no change falls between the two.
            SubscriptionQueryResult<TimelinePage, TimelineChange> live = queries.gateway().subscriptionQuery(
                    new FetchFamilyTimeline(familyId, 1, null, viewer),
                    ResponseTypes.instanceOf(TimelinePage.class),
                    ResponseTypes.instanceOf(TimelineChange.class));
            Mono<TimelineChanges> missed = queries.fetch(new FetchTimelineChanges(familyId, lastEventId, viewer),
                    TimelineChanges.class)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("the timeline has no change counter")))
                    .map(changesMissed -> changesMissed.readIn(language));
            // Ended by the projection when the family is erased: the subscription is gone then, and closing
            // it again would fail.
            AtomicBoolean ended = new AtomicBoolean();
            Flux<TimelineChange> updates = live.updates().doOnComplete(() -> ended.set(true))
                    .map(change -> change.readIn(language));
            // The first event goes out once the subscription is open, so a client that then reads the
            // timeline misses nothing.
            return Flux.concat(Mono.just(OPENED), resume(missed, updates))
                    .doFinally(signal -> {
                        if (!ended.get()) {
                            live.close();
                        }
                    });
        });
        Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(HEARTBEAT, HEARTBEAT)
                .map(tick -> ServerSentEvent.builder().comment("keep-alive").build());
        // The heartbeat stops with the changes: they end only when the family is erased (for its carers).
        return access.requireCanReadFamily(principal, familyId)
                .thenMany(openStreams.untilStopped(changes.publish(shared -> Flux.merge(shared,
                        heartbeat.takeUntilOther(shared.then())))));
    }

    /**
     * What was missed, then an id-only event at the position it reaches, then the live changes after that
     * position; live changes that arrive while the missed ones are read are held until then.
     */
    static Flux<ServerSentEvent<Object>> resume(Mono<TimelineChanges> missed, Flux<TimelineChange> live) {
        return Flux.defer(() -> {
            List<TimelineChange> held = new ArrayList<>();
            long[] reached = {-1};
            return Flux.merge(missed.map(Object.class::cast), live.map(Object.class::cast))
                    .concatMapIterable(signal -> {
                        if (signal instanceof TimelineChanges replay) {
                            long upTo = StreamPosition.parse(replay.upTo()).orElseThrow().sequence();
                            List<ServerSentEvent<Object>> events = new ArrayList<>();
                            replay.changes().forEach(change -> events.add(event(change)));
                            events.add(ServerSentEvent.builder().id(replay.upTo()).build());
                            held.stream().filter(change -> change.position().sequence() > upTo)
                                    .forEach(change -> events.add(event(change)));
                            held.clear();
                            reached[0] = upTo;
                            return events;
                        }
                        TimelineChange change = (TimelineChange) signal;
                        if (reached[0] < 0) {
                            held.add(change);
                            return List.of();
                        }
                        return change.position().sequence() > reached[0] ? List.of(event(change)) : List.of();
                    });
        });
    }

    static ServerSentEvent<Object> event(TimelineChange change) {
        if (change instanceof TimelineChange.Withdrawn withdrawn) {
            return withdrawn(withdrawn.id(), withdrawn.position().encode());
        }
        TimelineChange.Changed changed = (TimelineChange.Changed) change;
        return entry(changed.entry(), changed.position().encode());
    }

    static ServerSentEvent<Object> event(TimelineChanges.Change change) {
        return change.withdrawn() ? withdrawn(change.id(), change.position())
                : entry(change.entry(), change.position());
    }

    private static ServerSentEvent<Object> entry(TimelineEntry entry, String position) {
        return ServerSentEvent.<Object>builder(entry).id(position).event("entry").build();
    }

    private static ServerSentEvent<Object> withdrawn(String id, String position) {
        return ServerSentEvent.<Object>builder(Map.of("id", id)).id(position).event("withdrawn").build();
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
