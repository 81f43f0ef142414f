package dev.tandem.query.meeting;

import dev.tandem.api.common.Role;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.TestMongo;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.directory.ReadAccess;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/settings/{settingId}/meetings: who may list, and how bad bounds are answered. */
class MeetingControllerTest {

    private TestMongo mongo;
    private MeetingController controller;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        MeetingProjection meetings = new MeetingProjection(mongo.template());
        meetings.afterPropertiesSet();
        meetings.on(MeetingProjectionTest.booked("meeting-1", "setting-1", MeetingProjectionTest.MONDAY));
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(meetings).subscribe(bus);
        controller = new MeetingController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new ReadAccess(new QueryDirectory(mongo.template())));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private WebTestClient as(String subjectId, Role role, String scopeId) {
        return SignedIn.client(controller, subjectId, role, scopeId);
    }

    @Test
    void staffOfTheSettingListItsMeetingsInTheRange() {
        as("kp-1", Role.KEY_PERSON, "setting-1").get()
                .uri("/api/settings/setting-1/meetings?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meetings[0].id").isEqualTo("meeting-1")
                .jsonPath("$.meetings[0].keyPersonId").isEqualTo("kp-1")
                .jsonPath("$.meetings[0].startsAt").isEqualTo("2026-11-23T09:00:00Z")
                .jsonPath("$.meetings[0].status").isEqualTo("BOOKED")
                .jsonPath("$.meetings.length()").isEqualTo(1);
    }

    @Test
    void staffOfAnotherSettingAndCarersAreRefused() {
        as("kp-9", Role.MANAGER, "setting-2").get().uri("/api/settings/setting-1/meetings")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as("carer-1", Role.CARER, "family-1").get().uri("/api/settings/setting-1/meetings")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void boundsThatAreNotInstantsAreEachNamed() {
        as("kp-1", Role.KEY_PERSON, "setting-1").get()
                .uri("/api/settings/setting-1/meetings?from=yesterday&to=2026-13-01T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[1].field").isEqualTo("to")
                .jsonPath("$.errors.length()").isEqualTo(2);
    }

    @Test
    void aToThatIsNotAfterFromIsRefused() {
        as("kp-1", Role.KEY_PERSON, "setting-1").get()
                .uri("/api/settings/setting-1/meetings?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("to");
    }
}
