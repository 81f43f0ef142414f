package dev.tandem.command.child;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.RecordConcernAction;
import dev.tandem.api.safeguarding.HistoryQuery;
import dev.tandem.api.safeguarding.RecordHistoryExport;
import dev.tandem.api.safeguarding.RecordHistoryView;
import dev.tandem.api.safeguarding.SafeguardingHistoryExported;
import dev.tandem.api.safeguarding.SafeguardingHistoryViewed;
import dev.tandem.command.lookup.RuleLookups.StaffEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The child's safeguarding record: actions on its concerns, and every reading and export of its history. */
class SafeguardingRecordTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:15:00Z");
    private static final Actor DSL = new Actor("dsl-1", Set.of(Role.DSL));
    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final Actor MANAGER_AND_DSL = new Actor("lead-1", Set.of(Role.MANAGER, Role.DSL));
    private static final Actor KEY_PERSON = new Actor("kp-1", Set.of(Role.KEY_PERSON));
    private static final Actor OTHER_DSL = new Actor("dsl-2", Set.of(Role.DSL));
    private static final Actor OTHER_MANAGER = new Actor("manager-2", Set.of(Role.MANAGER));
    private static final Actor CARER = new Actor("carer-1", Set.of(Role.CARER));
    private static final ChildRegistered REGISTERED = new ChildRegistered("child-1", "setting-1", "family-1", "room-1",
            "kp-1", "Zofia", LocalDate.of(2023, 3, 14), "manager-1");
    private static final ConcernRecorded CONCERN = new ConcernRecorded("concern-1", "child-1", "family-1", "setting-1",
            ConcernCategory.INJURY, "Bruise on the left arm", "kp-1", NOW.minusSeconds(3600));
    private static final HistoryQuery QUERY = new HistoryQuery(Instant.parse("2026-11-01T00:00:00Z"), null, null);

    private final InMemoryRuleLookups lookups = new InMemoryRuleLookups()
            .setting("setting-1").setting("setting-2")
            .staff(new StaffEntry("dsl-1", "setting-1", Set.of(Role.DSL)))
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("lead-1", "setting-1", Set.of(Role.MANAGER, Role.DSL)))
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("dsl-2", "setting-2", Set.of(Role.DSL)))
            .staff(new StaffEntry("manager-2", "setting-2", Set.of(Role.MANAGER)));
    private AggregateTestFixture<Child> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Child.class);
        fixture.registerInjectableResource(lookups);
        fixture.registerInjectableResource(new Permissions(lookups));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordConcernAction action(ConcernAction action, Actor actor) {
        return new RecordConcernAction("child-1", "concern-1", "action-1", action, "Spoke to mother at pick-up", actor);
    }

    private static ConcernActionRecorded recorded(ConcernAction action, String actionId) {
        return new ConcernActionRecorded(actionId, "concern-1", "child-1", "setting-1", action,
                "Spoke to mother at pick-up", "dsl-1", NOW);
    }

    @Test
    void designatedSafeguardingLeadRecordsWhatTheyDidAboutAConcern() {
        fixture.given(REGISTERED, CONCERN)
                .when(action(ConcernAction.DISCUSSED_WITH_FAMILY, DSL))
                .expectEvents(recorded(ConcernAction.DISCUSSED_WITH_FAMILY, "action-1"));
    }

    @Test
    void aManagerWhoIsNotADesignatedSafeguardingLeadCannotActOnAConcern() {
        fixture.given(REGISTERED, CONCERN)
                .when(action(ConcernAction.NOTED, MANAGER))
                .expectException(RefusedException.class)
                .expectExceptionMessage("Only a designated safeguarding lead of this setting may do this.")
                .expectNoEvents();
    }

    @Test
    void aDesignatedSafeguardingLeadOfAnotherSettingCannotActOnAConcern() {
        fixture.given(REGISTERED, CONCERN)
                .when(action(ConcernAction.NOTED, OTHER_DSL))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void anActionOnAConcernTheChildDoesNotHaveIsRefusedAsUnknown() {
        fixture.given(REGISTERED)
                .when(action(ConcernAction.NOTED, DSL))
                .expectExceptionMessage("There is no concern concern-1.")
                .expectNoEvents();
    }

    @Test
    void aClosedConcernTakesNoActionButReopening() {
        fixture.given(REGISTERED, CONCERN, recorded(ConcernAction.CLOSED, "action-0"))
                .when(action(ConcernAction.MONITORING, DSL))
                .expectExceptionMessage("This concern is closed; reopen it before recording another action.")
                .expectNoEvents();
    }

    @Test
    void aClosedConcernCanBeReopened() {
        fixture.given(REGISTERED, CONCERN, recorded(ConcernAction.CLOSED, "action-0"))
                .when(action(ConcernAction.REOPENED, DSL))
                .expectEvents(recorded(ConcernAction.REOPENED, "action-1"));
    }

    @Test
    void anOpenConcernCannotBeReopened() {
        fixture.given(REGISTERED, CONCERN)
                .when(action(ConcernAction.REOPENED, DSL))
                .expectExceptionMessage("This concern is open; only a closed one can be reopened.")
                .expectNoEvents();
    }

    @Test
    void aReopenedConcernTakesActionsAgain() {
        fixture.given(REGISTERED, CONCERN, recorded(ConcernAction.CLOSED, "action-0"),
                        recorded(ConcernAction.REOPENED, "action-00"))
                .when(action(ConcernAction.REFERRED, DSL))
                .expectEvents(recorded(ConcernAction.REFERRED, "action-1"));
    }

    @Test
    void aDesignatedSafeguardingLeadsReadingIsRecordedWithTheirReasonAndQuery() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Strategy meeting on Friday", QUERY, DSL))
                .expectEvents(new SafeguardingHistoryViewed("view-1", "child-1", "setting-1", "dsl-1", Role.DSL,
                        "Strategy meeting on Friday", QUERY, NOW));
    }

    @Test
    void aManagersReadingIsRecordedInTheManagerRole() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Ofsted inspection", QUERY, MANAGER))
                .expectEvents(new SafeguardingHistoryViewed("view-1", "child-1", "setting-1", "manager-1",
                        Role.MANAGER, "Ofsted inspection", QUERY, NOW));
    }

    @Test
    void someoneWhoIsBothManagerAndDesignatedSafeguardingLeadReadsAsTheLead() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Review", QUERY, MANAGER_AND_DSL))
                .expectEvents(new SafeguardingHistoryViewed("view-1", "child-1", "setting-1", "lead-1", Role.DSL,
                        "Review", QUERY, NOW));
    }

    @Test
    void anExportIsRecordedWithItsFormat() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryExport("child-1", "export-1", "pdf", "Referral to children's social care",
                        QUERY, DSL))
                .expectEvents(new SafeguardingHistoryExported("export-1", "child-1", "setting-1", "dsl-1", Role.DSL,
                        "pdf", "Referral to children's social care", QUERY, NOW));
    }

    @Test
    void keyPersonCannotReadTheHistory() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Curious", QUERY, KEY_PERSON))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aCarerCannotReadTheHistory() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Curious", QUERY, CARER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerOfAnotherSettingCannotReadTheHistory() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryView("child-1", "view-1", "Curious", QUERY, OTHER_MANAGER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aDesignatedSafeguardingLeadOfAnotherSettingCannotExportTheHistory() {
        fixture.given(REGISTERED)
                .when(new RecordHistoryExport("child-1", "export-1", "json", "Curious", QUERY, OTHER_DSL))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
