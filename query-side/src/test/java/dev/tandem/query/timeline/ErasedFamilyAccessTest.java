package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.observation.ObservationShared;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/** Once a family is erased its carers read nothing more, over HTTP; its setting's staff read the erased entries. */
class ErasedFamilyAccessTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final FamilyErased ERASURE = new FamilyErased("family-1", "setting-1", List.of("carer-1"),
            List.of("child-1", "child-3"), List.of(), "Asked to be forgotten.", "manager-1", NINE.plusSeconds(3600));

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private TimelineController timeline;
    private UpdateViewController updates;

    @BeforeEach
    void setUp() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(views.emitter).build();
        new AnnotationQueryHandlerAdapter<>(views.timeline).subscribe(bus);
        Queries queries = new Queries(DefaultQueryGateway.builder().queryBus(bus).build());
        ReadAccess access = new ReadAccess(views.lookups);
        timeline = new TimelineController(queries, access, new OpenStreams(), views.lookups);
        updates = new UpdateViewController(queries, access, views.lookups);
        share(new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1", "Counted six blocks.",
                Set.of(EyfsArea.MATHEMATICS), null, NINE));
        share(new ObservationShared("update-2", "child-2", "family-2", "setting-1", "kp-2", "Stacked cups.",
                Set.of(EyfsArea.MATHEMATICS), null, NINE));
    }

    private void share(ObservationShared observation) {
        views.lookups.on(observation);
        views.timeline.on(observation);
    }

    private void erase() {
        views.lookups.on(ERASURE);
        views.timeline.on(ERASURE);
    }

    private static WebTestClient carer(Object controller, String carerId, String familyId) {
        return SignedIn.client(controller, carerId, Role.CARER, familyId);
    }

    private static WebTestClient keyPerson(Object controller) {
        return SignedIn.client(controller, "kp-1", Role.KEY_PERSON, "setting-1");
    }

    private static void refused(WebTestClient.ResponseSpec response) {
        response.expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theErasedFamilysCarersAreRefusedTheTimelineItsStreamAndItsUpdates() {
        carer(timeline, "carer-1", "family-1").get().uri("/api/families/family-1/timeline").exchange()
                .expectStatus().isOk();

        erase();

        refused(carer(timeline, "carer-1", "family-1").get().uri("/api/families/family-1/timeline").exchange());
        refused(carer(timeline, "carer-1", "family-1").get().uri("/api/families/family-1/timeline/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange());
        refused(carer(updates, "carer-1", "family-1").get().uri("/api/updates/update-1").exchange());
        assertThat(views.emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void staffStillReadTheErasedTimelineAndOtherFamiliesReadTheirsAsBefore() {
        erase();

        keyPerson(timeline).get().uri("/api/families/family-1/timeline").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[0].id").isEqualTo("update-1")
                .jsonPath("$.entries[0].text").isEqualTo("[erased]")
                .jsonPath("$.entries[0].childName").isEqualTo("[erased]");
        keyPerson(updates).get().uri("/api/updates/update-1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.text").isEqualTo("[erased]");
        carer(timeline, "carer-3", "family-2").get().uri("/api/families/family-2/timeline").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.entries[0].text").isEqualTo("Stacked cups.");
        carer(updates, "carer-3", "family-2").get().uri("/api/updates/update-2").exchange()
                .expectStatus().isOk();
    }

    @Test
    void aCarersOpenStreamEndsWhenTheirFamilyIsErased() {
        var stream = carer(timeline, "carer-1", "family-1").get().uri("/api/families/family-1/timeline/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody();

        StepVerifier.create(stream)
                .expectNextMatches(opened -> "open".equals(opened.comment()))
                .expectNextMatches(start -> start.id() != null && start.event() == null)
                .then(this::erase)
                .expectComplete()
                .verify(BOUND);
        assertThat(views.emitter.activeSubscriptions()).isEmpty();
    }
}
