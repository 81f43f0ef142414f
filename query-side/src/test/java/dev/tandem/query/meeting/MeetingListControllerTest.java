package dev.tandem.query.meeting;

import dev.tandem.api.common.Role;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.TestMongo;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.directory.ReadAccess;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/settings/{settingId}/meetings and GET /api/meetings/{meetingId}: who may read, and bad bounds. */
class MeetingListControllerTest {

    private TestMongo mongo;
    private MeetingProjection meetings;
    private MeetingListController controller;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        meetings = new MeetingProjection(mongo.template());
        meetings.afterPropertiesSet();
        MeetingBooked booked = MeetingProjectionTest.booked("meeting-1", "setting-1", MeetingProjectionTest.MONDAY);
        meetings.on(booked);
        ViewLookups lookups = new ViewLookups(mongo.template());
        lookups.on(booked);
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(meetings).subscribe(bus);
        controller = new MeetingListController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new ReadAccess(lookups));
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

    @Test
    void staffOfTheSettingReadOneMeetingAsTheListShowsIt() {
        as("manager-1", Role.MANAGER, "setting-1").get().uri("/api/meetings/meeting-1")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("meeting-1")
                .jsonPath("$.childId").isEqualTo("child-1")
                .jsonPath("$.keyPersonId").isEqualTo("kp-1")
                .jsonPath("$.startsAt").isEqualTo("2026-11-23T09:00:00Z")
                .jsonPath("$.durationMinutes").isEqualTo(30)
                .jsonPath("$.location").isEqualTo("Caterpillars room")
                .jsonPath("$.status").isEqualTo("BOOKED");
    }

    @Test
    void oneMeetingIsRefusedToStaffOfAnotherSettingAndToCarers() {
        as("kp-9", Role.MANAGER, "setting-2").get().uri("/api/meetings/meeting-1")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as("carer-1", Role.CARER, "family-1").get().uri("/api/meetings/meeting-1")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownOrWithdrawnMeetingIsNotFound() {
        as("kp-1", Role.KEY_PERSON, "setting-1").get().uri("/api/meetings/unknown")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        meetings.on(new UpdateWithdrawn("meeting-1", "setting-1", "child-1", List.of("family-1"),
                "Booked by mistake.", "kp-1", MeetingProjectionTest.MONDAY));

        as("kp-1", Role.KEY_PERSON, "setting-1").get().uri("/api/meetings/meeting-1")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
