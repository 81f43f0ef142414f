package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.directory.ReadAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A stop ends every open timeline stream at once, before the web server waits for open responses. */
class OpenStreamsTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final OpenStreams openStreams = new OpenStreams();
    private final TimelineController controller;

    OpenStreamsTest() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(views.emitter).build();
        new AnnotationQueryHandlerAdapter<>(views.timeline).subscribe(bus);
        controller = new TimelineController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new ReadAccess(views.lookups), openStreams, views.lookups);
        openStreams.start();
    }

    private Flux<ServerSentEvent<String>> openStream(String carerId) {
        return SignedIn.client(controller, carerId, Role.CARER, "family-1")
                .get().uri("/api/families/family-1/timeline/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody();
    }

    @Test
    void stoppingCompletesTenOpenStreamsAtOnceAndClosesTheirSubscriptionQueries() {
        List<Flux<ServerSentEvent<String>>> streams = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> openStream("carer-" + i))
                .toList();
        await().atMost(BOUND).until(() -> views.emitter.activeSubscriptions().size() == 10);

        openStreams.stop();

        StepVerifier.create(Flux.merge(streams).then()).expectComplete().verify(BOUND);
        await().atMost(BOUND).until(() -> views.emitter.activeSubscriptions().isEmpty());
        assertThat(openStreams.isRunning()).isFalse();
    }

    @Test
    void aStreamOpenedWhileStoppingEndsAtOnceAndOneOpenedAfterARestartStaysLive() {
        openStreams.stop();
        StepVerifier.create(openStream("carer-1")).thenConsumeWhile(event -> true).expectComplete().verify(BOUND);

        openStreams.start();
        StepVerifier.create(openStream("carer-1").filter(event -> event.event() != null))
                .then(() -> views.timeline.on(new ObservationShared("after-restart", "child-1", "family-1",
                        "setting-1", "kp-1", "Back again.", Set.of(EyfsArea.LITERACY), null,
                        Instant.parse("2026-11-23T09:00:00Z"))))
                .assertNext(event -> assertThat(event.data()).contains("\"id\":\"after-restart\""))
                .thenCancel()
                .verify(BOUND);
    }

    @Test
    void streamsStopBeforeTheWebServersGracefulWait() {
        assertThat(openStreams.getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
    }
}
