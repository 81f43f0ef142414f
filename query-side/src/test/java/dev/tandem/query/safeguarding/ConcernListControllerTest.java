package dev.tandem.query.safeguarding;

import static dev.tandem.query.safeguarding.ConcernListProjectionTest.MONDAY;
import static dev.tandem.query.safeguarding.ConcernListProjectionTest.action;
import static dev.tandem.query.safeguarding.ConcernListProjectionTest.recorded;
import static dev.tandem.query.safeguarding.ConcernListProjectionTest.staff;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.TestMongo;
import java.time.Duration;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GET /api/settings/{settingId}/concerns: its shape and order, the status filter, overdue, and that only a
 * DSL of the setting may read it. setting-1 has "closed-one" (recorded Monday 09:00, NOTED at 10:00,
 * CLOSED at 11:00) and "open-one" (recorded Monday 12:00, no action).
 */
class ConcernListControllerTest {

    private static final String CONCERNS = "/api/settings/setting-1/concerns";

    private TestMongo mongo;
    private MovableClock clock;
    private ConcernListController controller;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        clock = new MovableClock(MONDAY.plus(Duration.ofHours(13)));
        ConcernListProjection concerns = new ConcernListProjection(mongo.template(), clock);
        concerns.afterPropertiesSet();
        ConcernListProjectionTest.registerSettings(concerns);
        concerns.on(staff("setting-1", "manager-dsl", "Lee Both", Role.MANAGER, Role.DSL));
        ConcernRecorded closed = recorded("closed-one", "child-1", "setting-1", MONDAY);
        concerns.on(closed);
        concerns.on(action("noted", closed, ConcernAction.NOTED, MONDAY.plus(Duration.ofHours(1))));
        concerns.on(action("closing", closed, ConcernAction.CLOSED, MONDAY.plus(Duration.ofHours(2))));
        concerns.on(recorded("open-one", "child-2", "setting-1", MONDAY.plus(Duration.ofHours(3))));
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(concerns).subscribe(bus);
        controller = new ConcernListController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new SafeguardingLeadAccess(concerns));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private WebTestClient as(String subjectId, Role role, String scopeId) {
        return SignedIn.client(controller, subjectId, role, scopeId);
    }

    private static void assertRefused(WebTestClient client, String uri) {
        client.get().uri(uri)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(not(containsString("Bruise")));
    }

    @Test
    void aDslOfTheSettingListsItsConcernsNewestFirstEachWithItsActionsOldestFirst() {
        as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.concerns.length()").isEqualTo(2)
                .jsonPath("$.concerns[0].id").isEqualTo("open-one")
                .jsonPath("$.concerns[0].status").isEqualTo("OPEN")
                .jsonPath("$.concerns[0].actions.length()").isEqualTo(0)
                .jsonPath("$.concerns[1].id").isEqualTo("closed-one")
                .jsonPath("$.concerns[1].childId").isEqualTo("child-1")
                .jsonPath("$.concerns[1].childName").isEqualTo("Zofia Nowak")
                .jsonPath("$.concerns[1].category").isEqualTo("INJURY")
                .jsonPath("$.concerns[1].text").isEqualTo("Bruise on the left arm, closed-one")
                .jsonPath("$.concerns[1].recordedBy.id").isEqualTo("kp-1")
                .jsonPath("$.concerns[1].recordedBy.name").isEqualTo("Kira Key")
                .jsonPath("$.concerns[1].recordedAt").isEqualTo("2026-11-23T09:00:00Z")
                .jsonPath("$.concerns[1].status").isEqualTo("CLOSED")
                .jsonPath("$.concerns[1].overdue").isEqualTo(false)
                .jsonPath("$.concerns[1].actions.length()").isEqualTo(2)
                .jsonPath("$.concerns[1].actions[0].id").isEqualTo("noted")
                .jsonPath("$.concerns[1].actions[0].action").isEqualTo("NOTED")
                .jsonPath("$.concerns[1].actions[0].note").isEqualTo("Note noted")
                .jsonPath("$.concerns[1].actions[0].by.id").isEqualTo("dsl-1")
                .jsonPath("$.concerns[1].actions[0].by.name").isEqualTo("Dana Lead")
                .jsonPath("$.concerns[1].actions[0].at").isEqualTo("2026-11-23T10:00:00Z")
                .jsonPath("$.concerns[1].actions[1].id").isEqualTo("closing")
                .jsonPath("$.concerns[1].actions[1].action").isEqualTo("CLOSED");
    }

    @Test
    void aManagerWhoIsAlsoTheDslOfTheSettingListsItsConcerns() {
        SignedIn.client(controller, "manager-dsl", List.of(Role.MANAGER, Role.DSL), "setting-1").get().uri(CONCERNS)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.concerns.length()").isEqualTo(2);
    }

    @Test
    void theStatusParameterListsOnlyOpenOrOnlyClosedConcerns() {
        as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS + "?status=OPEN")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.concerns.length()").isEqualTo(1)
                .jsonPath("$.concerns[0].id").isEqualTo("open-one");
        as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS + "?status=CLOSED")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.concerns.length()").isEqualTo(1)
                .jsonPath("$.concerns[0].id").isEqualTo("closed-one");
    }

    @Test
    void anOpenConcernWithoutAnActionIsOverdueOnceItHasWaited24Hours() {
        clock.set(MONDAY.plus(Duration.ofHours(3 + 24)).minusSeconds(60));
        as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS + "?status=OPEN")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.concerns[0].overdue").isEqualTo(false);

        clock.set(MONDAY.plus(Duration.ofHours(3 + 24)));
        as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.concerns[0].id").isEqualTo("open-one")
                .jsonPath("$.concerns[0].overdue").isEqualTo(true)
                .jsonPath("$.concerns[1].overdue").isEqualTo(false);
    }

    @Test
    void aStatusThatIsNeitherOpenNorClosedIsRefusedNamingTheField() {
        for (String bad : List.of("PENDING", "open", "")) {
            as("dsl-1", Role.DSL, "setting-1").get().uri(CONCERNS + "?status=" + bad)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors.length()").isEqualTo(1)
                    .jsonPath("$.errors[0].field").isEqualTo("status");
        }
    }

    @Test
    void aManagerOfTheSettingWhoIsNotItsDslIsRefused() {
        assertRefused(as("manager-1", Role.MANAGER, "setting-1"), CONCERNS);
    }

    @Test
    void aKeyPersonOfTheSettingIsRefused() {
        assertRefused(as("kp-1", Role.KEY_PERSON, "setting-1"), CONCERNS);
    }

    @Test
    void aCarerIsRefused() {
        assertRefused(as("carer-1", Role.CARER, "family-child-1"), CONCERNS);
    }

    @Test
    void aDslOfAnotherSettingIsRefused() {
        assertRefused(as("dsl-2", Role.DSL, "setting-2"), CONCERNS);
    }

    @Test
    void theAdminIsRefused() {
        assertRefused(as("admin", Role.ADMIN, null), CONCERNS);
    }

    @Test
    void aTokenClaimingDslForSomeoneNotRegisteredAsDslOfTheSettingIsRefused() {
        assertRefused(as("kp-1", Role.DSL, "setting-1"), CONCERNS);
        assertRefused(as("dsl-2", Role.DSL, "setting-1"), CONCERNS);
        assertRefused(as("unknown", Role.DSL, "setting-1"), CONCERNS);
    }

    @Test
    void someoneRefusedIsRefusedWhateverTheStatusParameterSays() {
        assertRefused(as("manager-1", Role.MANAGER, "setting-1"), CONCERNS + "?status=PENDING");
    }
}
