package dev.tandem.command.child;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildLeft;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.RecordLeaving;
import dev.tandem.api.child.RegisterChild;
import dev.tandem.api.child.SetCarerRestriction;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.RecordConcern;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
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

class ChildTest {

    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final LocalDate BORN = LocalDate.of(2023, 3, 14);

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
    private static final Actor DSL = new Actor("dsl-1", Set.of(Role.DSL));
    private static final Actor KEY_PERSON = new Actor("kp-1", Set.of(Role.KEY_PERSON));
    private static final ChildRegistered REGISTERED = new ChildRegistered("child-1", "setting-1", "family-1", "room-1",
            "kp-1", "Zofia", BORN, "manager-1");
    private static final String REASON = "Court order of 20 November";

    private final InMemoryRuleLookups lookups = new InMemoryRuleLookups()
            .setting("setting-1").setting("setting-2")
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("kp-3", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("cook-1", "setting-1", Set.of(Role.DSL)))
            .staff(new StaffEntry("dsl-1", "setting-1", Set.of(Role.DSL)))
            .staff(new StaffEntry("kp-2", "setting-2", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("manager-2", "setting-2", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("dsl-2", "setting-2", Set.of(Role.DSL)))
            .family("family-1", "setting-1").family("family-2", "setting-2")
            .carer(new CarerEntry("carer-1", "family-1", "setting-1"), "+447700900123")
            .carer(new CarerEntry("carer-9", "family-2", "setting-2"), "+447700900999")
            .room("room-1", "setting-1");
    private AggregateTestFixture<Child> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Child.class);
        fixture.registerInjectableResource(lookups);
        fixture.registerInjectableResource(new Permissions(lookups));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SetCarerRestriction restrict(String carerId, Actor actor) {
        return new SetCarerRestriction("child-1", carerId, true, REASON, actor);
    }

    private static SetCarerRestriction lift(String carerId, Actor actor) {
        return new SetCarerRestriction("child-1", carerId, false, "Order discharged", actor);
    }

    private static CarerRestricted restricted(String by) {
        return new CarerRestricted("child-1", "family-1", "setting-1", "carer-1", REASON, by, NOW);
    }

    private static ConcernRecorded concernRecordedBy(String staffId) {
        return new ConcernRecorded("concern-1", "child-1", "family-1", "setting-1", ConcernCategory.INJURY,
                "Bruise on the left arm", staffId, NOW);
    }

    private static RecordConcern concern(Actor actor) {
        return new RecordConcern("child-1", "concern-1", ConcernCategory.INJURY, "Bruise on the left arm", actor);
    }

    private static RegisterChild register(String familyId, String roomId, String keyPersonId) {
        return new RegisterChild("child-1", "setting-1", familyId, roomId, keyPersonId, "Zofia", BORN, MANAGER);
    }

    @Test
    void aManagerRecordsTheDayTheChildLeaves() {
        fixture.given(REGISTERED)
                .when(new RecordLeaving("child-1", LocalDate.of(2026, 12, 18), MANAGER))
                .expectEvents(new ChildLeft("child-1", "setting-1", "family-1", LocalDate.of(2026, 12, 18), "manager-1",
                        NOW));
    }

    @Test
    void onlyAManagerRecordsALeavingAndNotMoreThanAYearAhead() {
        fixture.given(REGISTERED)
                .when(new RecordLeaving("child-1", LocalDate.of(2026, 12, 18), KEY_PERSON))
                .expectException(RefusedException.class)
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordLeaving("child-1", LocalDate.of(2028, 1, 1), MANAGER))
                .expectExceptionMessage("A child's leaving date is within a year from today, not further.")
                .expectNoEvents();
    }

    @Test
    void managerRegistersAChildWithAKeyPersonRoomAndFamily() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "kp-1"))
                .expectEvents(new ChildRegistered("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia", BORN,
                        "manager-1"));
    }

    @Test
    void aFamilyOfAnotherSettingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-2", "room-1", "kp-1"))
                .expectExceptionMessage("There is no family family-2 at this setting.")
                .expectNoEvents();
    }

    @Test
    void anUnknownRoomIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-9", "kp-1"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aKeyPersonOfAnotherSettingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "kp-2"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void staffWithoutTheKeyPersonRoleCannotBeAChildsKeyPerson() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "cook-1"))
                .expectExceptionMessage("That staff member does not hold the key person role.")
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotRegisterAChild() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia", BORN,
                        new Actor("kp-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void designatedSafeguardingLeadRestrictsACarerOfTheChildsFamily() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", DSL))
                .expectEvents(restricted("dsl-1"));
    }

    @Test
    void managerRestrictsACarerOfTheChildsFamily() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", MANAGER))
                .expectEvents(restricted("manager-1"));
    }

    @Test
    void restrictingAnAlreadyRestrictedCarerRecordsNothing() {
        fixture.given(REGISTERED, restricted("dsl-1"))
                .when(restrict("carer-1", MANAGER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void liftingARestrictionRecordsWhoLiftedItAndWhy() {
        fixture.given(REGISTERED, restricted("dsl-1"))
                .when(lift("carer-1", DSL))
                .expectEvents(new CarerRestrictionLifted("child-1", "family-1", "setting-1", "carer-1",
                        "Order discharged", "dsl-1", NOW));
    }

    @Test
    void liftingARestrictionThatIsNotThereRecordsNothing() {
        fixture.given(REGISTERED)
                .when(lift("carer-1", DSL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCarerCanBeRestrictedAgainAfterTheRestrictionWasLifted() {
        fixture.given(REGISTERED, restricted("dsl-1"), new CarerRestrictionLifted("child-1", "family-1", "setting-1",
                        "carer-1", "Order discharged", "dsl-1", NOW))
                .when(restrict("carer-1", DSL))
                .expectEvents(restricted("dsl-1"));
    }

    @Test
    void aCarerOfAnotherFamilyCannotBeRestrictedFromTheChild() {
        fixture.given(REGISTERED)
                .when(restrict("carer-9", DSL))
                .expectExceptionMessage("There is no carer carer-9 in this child's family.")
                .expectNoEvents();
    }

    @Test
    void anUnknownCarerCannotBeRestricted() {
        fixture.given(REGISTERED)
                .when(restrict("carer-404", DSL))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotRestrictACarer() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", KEY_PERSON))
                .expectExceptionMessage("Only a manager or a designated safeguarding lead of this setting may do this.")
                .expectNoEvents();
    }

    @Test
    void safeguardingLeadOfAnotherSettingCannotRestrictACarer() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", new Actor("dsl-2", Set.of(Role.DSL))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotLiftARestriction() {
        fixture.given(REGISTERED, restricted("dsl-1"))
                .when(lift("carer-1", new Actor("manager-2", Set.of(Role.MANAGER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aCarerCannotLiftTheirOwnRestriction() {
        fixture.given(REGISTERED, restricted("dsl-1"))
                .when(lift("carer-1", new Actor("carer-1", Set.of(Role.CARER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aTokenClaimingDslIsNotEnoughWithoutTheRoleInTheLookups() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", new Actor("kp-1", Set.of(Role.DSL))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorCannotRestrictACarer() {
        fixture.given(REGISTERED)
                .when(restrict("carer-1", Actor.admin("admin")))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void keyPersonOfTheChildRecordsAConcern() {
        fixture.given(REGISTERED)
                .when(concern(KEY_PERSON))
                .expectEvents(concernRecordedBy("kp-1"));
    }

    @Test
    void keyPersonOfAnotherChildAtTheSettingRecordsAConcern() {
        fixture.given(REGISTERED)
                .when(concern(new Actor("kp-3", Set.of(Role.KEY_PERSON))))
                .expectEvents(concernRecordedBy("kp-3"));
    }

    @Test
    void safeguardingLeadRecordsAConcern() {
        fixture.given(REGISTERED)
                .when(concern(DSL))
                .expectEvents(concernRecordedBy("dsl-1"));
    }

    @Test
    void managerRecordsAConcern() {
        fixture.given(REGISTERED)
                .when(concern(MANAGER))
                .expectEvents(concernRecordedBy("manager-1"));
    }

    @Test
    void staffOfAnotherSettingCannotRecordAConcern() {
        fixture.given(REGISTERED)
                .when(concern(new Actor("kp-2", Set.of(Role.KEY_PERSON))))
                .expectExceptionMessage("Only staff of this setting may do this.")
                .expectNoEvents();
    }

    @Test
    void carerCannotRecordAConcern() {
        fixture.given(REGISTERED)
                .when(concern(new Actor("carer-1", Set.of(Role.CARER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorCannotRecordAConcern() {
        fixture.given(REGISTERED)
                .when(concern(Actor.admin("admin")))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
