package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.directory.ReadAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The live timeline as a carer (or staff) receives it over HTTP: entries, withdrawals, nothing they are
 * barred from, and, after a dropped connection, what they missed before the live ones.
 */
class TimelineStreamTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final TimelineController controller;

    TimelineStreamTest() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(views.emitter).build();
        new AnnotationQueryHandlerAdapter<>(views.timeline).subscribe(bus);
        controller = new TimelineController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new ReadAccess(views.lookups), new OpenStreams(), views.lookups);
    }

    private WebTestClient.RequestHeadersSpec<?> request(String carerId, String uri) {
        WebTestClient client = carerId == null ? SignedIn.client(controller, "kp-1", Role.KEY_PERSON, "setting-1")
                : SignedIn.client(controller, carerId, Role.CARER, "family-1");
        return client.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM);
    }

    /** Every event of the stream, comments and id-only ones too; {@code lastEventId} null: a fresh stream. */
    private Flux<ServerSentEvent<String>> openStream(String carerId, String lastEventId) {
        WebTestClient.RequestHeadersSpec<?> request = request(carerId, "/api/families/family-1/timeline/stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return body(request);
    }

    private static Flux<ServerSentEvent<String>> body(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody();
    }

    /** The named events only: entries and withdrawals. */
    private static Flux<ServerSentEvent<String>> named(Flux<ServerSentEvent<String>> stream) {
        return stream.filter(event -> event.event() != null);
    }

    /** Where a fresh stream starts (its id-only event); the stream is then closed, as by a lost signal. */
    private String positionOfAFreshStream(String carerId) {
        ServerSentEvent<String> start = openStream(carerId, null)
                .filter(event -> event.id() != null)
                .blockFirst(BOUND);
        awaitNoOpenSubscription();
        return start.id();
    }

    private void awaitNoOpenSubscription() {
        await().atMost(BOUND).until(() -> views.emitter.activeSubscriptions().isEmpty());
    }

    private static ObservationShared observation(String updateId, String childId) {
        return new ObservationShared(updateId, childId, "family-1", "setting-1", "kp-1", "Sang a song.",
                Set.of(EyfsArea.COMMUNICATION_AND_LANGUAGE), null, NINE);
    }

    private static UpdateWithdrawn withdrawal(String updateId, String childId) {
        return new UpdateWithdrawn(updateId, "setting-1", childId, List.of("family-1"), "Wrong child.", "kp-1",
                NINE.plusSeconds(60));
    }

    private void restrict(String carerId, String childId) {
        CarerRestricted restriction = new CarerRestricted(childId, "family-1", "setting-1", carerId, "Court order.",
                "dsl-1", NINE);
        views.timeline.on(restriction);
        views.lookups.on(restriction);
    }

    private void lift(String carerId, String childId) {
        CarerRestrictionLifted lifted = new CarerRestrictionLifted(childId, "family-1", "setting-1", carerId,
                "Order ended.", "dsl-1", NINE.plusSeconds(86_400));
        views.timeline.on(lifted);
        views.lookups.on(lifted);
    }

    private static Consumer<ServerSentEvent<String>> entry(String id) {
        return event -> {
            assertThat(event.event()).isEqualTo("entry");
            assertThat(event.data()).startsWith("{\"id\":\"" + id + "\"");
            assertThat(StreamPosition.parse(event.id())).as("id %s is a stream position", event.id()).isPresent();
        };
    }

    private static Consumer<ServerSentEvent<String>> withdrawn(String id) {
        return event -> {
            assertThat(event.event()).isEqualTo("withdrawn");
            assertThat(event.data()).isEqualTo("{\"id\":\"" + id + "\"}");
            assertThat(StreamPosition.parse(event.id())).as("id %s is a stream position", event.id()).isPresent();
        };
    }

    @Test
    void aCarerIsSentNewEntriesAndWithdrawalsButNothingAboutAChildTheyAreBarredFrom() {
        views.lookups.on(new CarerRestricted("child-3", "family-1", "setting-1", "carer-2", "Court order.", "dsl-1",
                NINE));
        Flux<ServerSentEvent<String>> stream = named(openStream("carer-2", null));

        views.timeline.on(observation("about-child-3", "child-3"));
        views.timeline.on(observation("about-child-1", "child-1"));
        views.timeline.on(withdrawal("about-child-1", "child-1"));

        StepVerifier.create(stream.take(2))
                .assertNext(entry("about-child-1").andThen(event ->
                        assertThat(event.data()).contains("\"type\":\"OBSERVATION\"", "\"childId\":\"child-1\"")))
                .assertNext(withdrawn("about-child-1"))
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void aFreshStreamFirstSaysHowLongToWaitBeforeReconnectingThenWhereItStarts() {
        StepVerifier.create(openStream("carer-1", null).take(2))
                .assertNext(opened -> {
                    assertThat(opened.retry()).isEqualTo(Duration.ofMillis(3000));
                    assertThat(opened.data()).isNull();
                })
                .assertNext(start -> {
                    assertThat(StreamPosition.parse(start.id())).isPresent();
                    assertThat(start.event()).isNull();
                    assertThat(start.data()).isNull();
                })
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void aReconnectWithLastEventIdAfterTwoMissedEntriesReceivesBothOnceAndInOrderThenTheLiveOnes() {
        AtomicReference<String> lastSeen = new AtomicReference<>();
        StepVerifier.create(named(openStream("carer-1", null)))
                .then(() -> views.timeline.on(observation("seen", "child-1")))
                .assertNext(entry("seen").andThen(event -> lastSeen.set(event.id())))
                .thenCancel()
                .verify(BOUND);
        awaitNoOpenSubscription();

        views.timeline.on(observation("missed-1", "child-1"));
        views.timeline.on(observation("missed-2", "child-3"));

        List<Long> positions = new ArrayList<>();
        Consumer<ServerSentEvent<String>> position = event ->
                positions.add(StreamPosition.parse(event.id()).orElseThrow().sequence());
        StepVerifier.create(named(openStream("carer-1", lastSeen.get())))
                .assertNext(entry("missed-1").andThen(position))
                .assertNext(entry("missed-2").andThen(position))
                .then(() -> views.timeline.on(observation("live-1", "child-1")))
                .assertNext(entry("live-1").andThen(position))
                .then(() -> views.timeline.on(observation("live-2", "child-1")))
                .assertNext(entry("live-2").andThen(position))
                .thenCancel()
                .verify(BOUND);
        assertThat(positions).isSorted().doesNotHaveDuplicates()
                .allSatisfy(sequence -> assertThat(sequence)
                        .isGreaterThan(StreamPosition.parse(lastSeen.get()).orElseThrow().sequence()));
    }

    @Test
    void clientsThatCannotSetHeadersResumeWithTheLastEventIdParameter() {
        String position = positionOfAFreshStream("carer-1");
        views.timeline.on(observation("missed", "child-1"));

        StepVerifier.create(named(body(request("carer-1",
                        "/api/families/family-1/timeline/stream?lastEventId=" + position)))).assertNext(entry("missed"))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void anEntryChangedSeveralTimesWhileAwayIsSentOnceAsItIsNow() {
        String position = positionOfAFreshStream(null);
        views.timeline.on(observation("changed", "child-1"));
        views.timeline.on(new dev.tandem.api.update.UpdateAcknowledged("changed", "child-1", "family-1", "carer-1",
                NINE.plusSeconds(60)));
        views.timeline.on(observation("after", "child-1"));

        StepVerifier.create(named(openStream(null, position)))
                .assertNext(entry("changed").andThen(event ->
                        assertThat(event.data()).contains("\"acknowledgedBy\":[\"carer-1\"]")))
                .assertNext(entry("after"))
                .then(() -> views.timeline.on(observation("live", "child-1")))
                .assertNext(entry("live"))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void aWithdrawalWhileAwayIsReplayedAsWithdrawn() {
        views.timeline.on(observation("seen-then-withdrawn", "child-1"));
        String position = positionOfAFreshStream("carer-1");
        views.timeline.on(withdrawal("seen-then-withdrawn", "child-1"));
        views.timeline.on(observation("shared-and-withdrawn-while-away", "child-1"));
        views.timeline.on(withdrawal("shared-and-withdrawn-while-away", "child-1"));

        StepVerifier.create(named(openStream("carer-1", position)))
                .assertNext(withdrawn("seen-then-withdrawn"))
                .assertNext(withdrawn("shared-and-withdrawn-while-away"))
                .then(() -> views.timeline.on(observation("live", "child-1")))
                .assertNext(entry("live"))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void whatIsReplayedToARestrictedCarerLeavesOutTheChildTheyAreBarredFrom() {
        restrict("carer-2", "child-3");
        String position = positionOfAFreshStream("carer-2");
        views.timeline.on(observation("about-child-3", "child-3"));
        views.timeline.on(observation("about-child-1", "child-1"));
        views.timeline.on(observation("withdrawn-about-child-3", "child-3"));
        views.timeline.on(withdrawal("withdrawn-about-child-3", "child-3"));

        StepVerifier.create(named(openStream("carer-2", position)))
                .assertNext(entry("about-child-1"))
                .then(() -> views.timeline.on(observation("live-about-child-3", "child-3")))
                .then(() -> views.timeline.on(observation("live-about-child-1", "child-1")))
                .assertNext(entry("live-about-child-1"))
                .thenCancel()
                .verify(BOUND);
        // Staff were away too, and are sent everything.
        StepVerifier.create(named(openStream(null, position)))
                .assertNext(entry("about-child-3"))
                .assertNext(entry("about-child-1"))
                .assertNext(withdrawn("withdrawn-about-child-3"))
                .assertNext(entry("live-about-child-3"))
                .assertNext(entry("live-about-child-1"))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void aCarerBarredWhileAwayIsToldToDropTheChildsEntriesAndGetsThemBackWhenTheBarIsLifted() {
        views.timeline.on(observation("about-child-1", "child-1"));
        views.timeline.on(observation("about-child-3", "child-3"));
        String beforeTheBar = positionOfAFreshStream("carer-2");
        restrict("carer-2", "child-1");

        StepVerifier.create(named(openStream("carer-2", beforeTheBar)))
                .assertNext(withdrawn("about-child-1"))
                .then(() -> views.timeline.on(observation("live-about-child-3", "child-3")))
                .assertNext(entry("live-about-child-3"))
                .thenCancel()
                .verify(BOUND);
        awaitNoOpenSubscription();

        String whileBarred = positionOfAFreshStream("carer-2");
        lift("carer-2", "child-1");
        StepVerifier.create(named(openStream("carer-2", whileBarred)))
                .assertNext(entry("about-child-1"))
                .thenCancel()
                .verify(BOUND);
        // Barred and freed again while away: the entry as it is, once.
        StepVerifier.create(named(openStream("carer-2", beforeTheBar)))
                .assertNext(entry("live-about-child-3"))
                .assertNext(entry("about-child-1"))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void anIdOfAnotherStoreOrFromBeforeResumingExistedReplaysTheWholeTimeline() {
        views.timeline.on(observation("first", "child-1"));
        views.timeline.on(observation("second", "child-1"));
        views.timeline.on(withdrawal("first", "child-1"));
        StreamPosition ours = StreamPosition.parse(positionOfAFreshStream("carer-1")).orElseThrow();
        String otherStore = ours.store().equals("00000000") ? "00000001" : "00000000";

        for (String unknown : List.of(otherStore + ".1", ours.store() + "." + (ours.sequence() + 1000),
                "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")) {
            StepVerifier.create(named(openStream("carer-1", unknown)))
                    .as("resuming from " + unknown)
                    .assertNext(entry("second"))
                    .assertNext(withdrawn("first"))
                    .thenCancel()
                    .verify(BOUND);
        }
    }

    @Test
    void aLastEventIdThatTheStreamNeverGivesOutIsRefusedBeforeItStarts() {
        request("carer-1", "/api/families/family-1/timeline/stream").header("Last-Event-ID", "yesterday")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
        request("carer-1", "/api/families/family-1/timeline/stream?lastEventId=1.2.3")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("lastEventId");
        assertThat(views.emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void theHeaderWinsOverTheParameterBeingTheNewer() {
        String position = positionOfAFreshStream("carer-1");
        views.timeline.on(observation("missed", "child-1"));

        StepVerifier.create(named(body(request("carer-1",
                                "/api/families/family-1/timeline/stream?lastEventId=not-an-id")
                                .header("Last-Event-ID", position))))
                .assertNext(entry("missed"))
                .thenCancel()
                .verify(BOUND);
    }
}
