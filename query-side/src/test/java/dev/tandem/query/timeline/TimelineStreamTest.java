package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.directory.ReadAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The live timeline as a carer receives it over HTTP: entries, withdrawals, and nothing they are barred from. */
class TimelineStreamTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();

    private Flux<ServerSentEvent<String>> openStreamAs(String carerId) {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(views.emitter).build();
        new AnnotationQueryHandlerAdapter<>(views.timeline).subscribe(bus);
        TimelineController controller = new TimelineController(
                new Queries(DefaultQueryGateway.builder().queryBus(bus).build()), new ReadAccess(views.directory));
        return SignedIn.client(controller, carerId, Role.CARER, "family-1")
                .get().uri("/api/families/family-1/timeline/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .filter(event -> event.event() != null);
    }

    private static ObservationShared observation(String updateId, String childId) {
        return new ObservationShared(updateId, childId, "family-1", "setting-1", "kp-1", "Sang a song.",
                Set.of(EyfsArea.COMMUNICATION_AND_LANGUAGE), null, NINE);
    }

    @Test
    void aCarerIsSentNewEntriesAndWithdrawalsButNothingAboutAChildTheyAreBarredFrom() {
        views.directory.on(new CarerRestricted("child-3", "family-1", "setting-1", "carer-2", "Court order.", "dsl-1",
                NINE));
        Flux<ServerSentEvent<String>> stream = openStreamAs("carer-2");

        views.timeline.on(observation("about-child-3", "child-3"));
        views.timeline.on(observation("about-child-1", "child-1"));
        views.timeline.on(new UpdateWithdrawn("about-child-1", "setting-1", "child-1", List.of("family-1"),
                "Wrong child.", "kp-1", NINE.plusSeconds(60)));

        StepVerifier.create(stream.take(2))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("entry");
                    assertThat(event.id()).isEqualTo("about-child-1");
                    assertThat(event.data()).contains("\"type\":\"OBSERVATION\"", "\"childId\":\"child-1\"");
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("withdrawn");
                    assertThat(event.id()).isEqualTo("about-child-1");
                    assertThat(event.data()).isEqualTo("{\"id\":\"about-child-1\"}");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
