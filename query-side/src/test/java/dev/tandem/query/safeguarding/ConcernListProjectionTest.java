package dev.tandem.query.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.ConcernStatus;
import dev.tandem.api.concern.FetchSettingConcerns;
import dev.tandem.api.concern.SettingConcerns;
import dev.tandem.api.concern.SettingConcerns.Action;
import dev.tandem.api.concern.SettingConcerns.Concern;
import dev.tandem.api.concern.SettingConcerns.Person;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.query.Mongo;
import dev.tandem.query.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A setting's concern list for its DSLs, driven by calling the projection's handlers as the processor would. */
class ConcernListProjectionTest {

    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private TestMongo mongo;
    private MovableClock clock;
    private ConcernListProjection concerns;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        clock = new MovableClock(MONDAY.plus(HOUR.multipliedBy(12)));
        concerns = new ConcernListProjection(mongo.template(), clock);
        concerns.afterPropertiesSet();
        registerSettings(concerns);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    /** setting-1: kp-1 (key person), dsl-1 (DSL), manager-1 (manager), children child-1 and child-2; setting-2: dsl-2, child-9. */
    static void registerSettings(ConcernListProjection concerns) {
        concerns.on(staff("setting-1", "kp-1", "Kira Key", Role.KEY_PERSON));
        concerns.on(staff("setting-1", "dsl-1", "Dana Lead", Role.DSL));
        concerns.on(staff("setting-1", "manager-1", "Mo Manager", Role.MANAGER));
        concerns.on(staff("setting-2", "dsl-2", "Sam Elsewhere", Role.DSL));
        concerns.on(child("child-1", "setting-1", "Zofia Nowak"));
        concerns.on(child("child-2", "setting-1", "Adam Khan"));
        concerns.on(child("child-9", "setting-2", "Other Child"));
    }

    static StaffMemberRegistered staff(String settingId, String staffId, String name, Role... roles) {
        return new StaffMemberRegistered(settingId, staffId, name, staffId + "@example.com", Set.of(roles), "admin");
    }

    static ChildRegistered child(String childId, String settingId, String name) {
        return new ChildRegistered(childId, settingId, "family-" + childId, "room-1", "kp-1", name,
                LocalDate.of(2023, 3, 14), "manager-1");
    }

    static ConcernRecorded recorded(String concernId, String childId, String settingId, Instant at) {
        return new ConcernRecorded(concernId, childId, "family-" + childId, settingId, ConcernCategory.INJURY,
                "Bruise on the left arm, " + concernId, "kp-1", at);
    }

    static ConcernActionRecorded action(String actionId, ConcernRecorded concern, ConcernAction action, Instant at) {
        return new ConcernActionRecorded(actionId, concern.concernId(), concern.childId(), concern.settingId(), action,
                "Note " + actionId, "dsl-1", at);
    }

    private List<Concern> list(ConcernStatus status) throws Exception {
        return concerns.handle(new FetchSettingConcerns("setting-1", status)).get().concerns();
    }

    private Concern only(String concernId) throws Exception {
        return list(null).stream().filter(concern -> concern.id().equals(concernId)).findFirst().orElseThrow();
    }

    private static List<String> ids(List<Concern> found) {
        return found.stream().map(Concern::id).toList();
    }

    @Test
    void aSettingsConcernsAreListedNewestFirstWithNamesAndEachConcernsActionsOldestFirst() throws Exception {
        ConcernRecorded older = recorded("older", "child-1", "setting-1", MONDAY);
        concerns.on(older);
        concerns.on(recorded("newer", "child-2", "setting-1", MONDAY.plus(HOUR)));
        concerns.on(recorded("elsewhere", "child-9", "setting-2", MONDAY.plus(HOUR.multipliedBy(2))));
        concerns.on(action("noted", older, ConcernAction.NOTED, MONDAY.plus(HOUR.multipliedBy(2))));
        concerns.on(action("referred", older, ConcernAction.REFERRED, MONDAY.plus(HOUR.multipliedBy(3))));

        List<Concern> found = list(null);

        assertThat(ids(found)).containsExactly("newer", "older");
        assertThat(found.get(1)).isEqualTo(new Concern("older", "child-1", "Zofia Nowak", ConcernCategory.INJURY,
                "Bruise on the left arm, older", new Person("kp-1", "Kira Key"), MONDAY, ConcernStatus.OPEN, false,
                List.of(new Action("noted", ConcernAction.NOTED, "Note noted", new Person("dsl-1", "Dana Lead"),
                                MONDAY.plus(HOUR.multipliedBy(2))),
                        new Action("referred", ConcernAction.REFERRED, "Note referred",
                                new Person("dsl-1", "Dana Lead"), MONDAY.plus(HOUR.multipliedBy(3))))));
        assertThat(found.get(0).childName()).isEqualTo("Adam Khan");
        assertThat(found.get(0).actions()).isEmpty();
    }

    @Test
    void aConcernIsClosedByAClosedActionAndOpenAgainAfterAReopenedOne() throws Exception {
        ConcernRecorded concern = recorded("concern-1", "child-1", "setting-1", MONDAY);
        concerns.on(concern);
        concerns.on(action("monitoring", concern, ConcernAction.MONITORING, MONDAY.plus(HOUR)));
        assertThat(only("concern-1").status()).isEqualTo(ConcernStatus.OPEN);

        concerns.on(action("closed", concern, ConcernAction.CLOSED, MONDAY.plus(HOUR.multipliedBy(2))));
        assertThat(only("concern-1").status()).isEqualTo(ConcernStatus.CLOSED);

        concerns.on(action("reopened", concern, ConcernAction.REOPENED, MONDAY.plus(HOUR.multipliedBy(3))));
        assertThat(only("concern-1").status()).isEqualTo(ConcernStatus.OPEN);
        assertThat(only("concern-1").actions()).extracting(Action::action)
                .containsExactly(ConcernAction.MONITORING, ConcernAction.CLOSED, ConcernAction.REOPENED);
    }

    @Test
    void theStatusFilterListsOnlyOpenOrOnlyClosedConcernsAndWithoutItBoth() throws Exception {
        ConcernRecorded closed = recorded("closed", "child-1", "setting-1", MONDAY);
        concerns.on(closed);
        concerns.on(action("close", closed, ConcernAction.CLOSED, MONDAY.plus(HOUR)));
        concerns.on(recorded("open", "child-2", "setting-1", MONDAY.plus(HOUR.multipliedBy(2))));

        assertThat(ids(list(ConcernStatus.OPEN))).containsExactly("open");
        assertThat(ids(list(ConcernStatus.CLOSED))).containsExactly("closed");
        assertThat(ids(list(null))).containsExactly("open", "closed");
    }

    @Test
    void anOpenConcernWithNoActionIsOverdueFrom24HoursAfterItWasRecorded() throws Exception {
        concerns.on(recorded("waiting", "child-1", "setting-1", MONDAY));

        clock.set(MONDAY.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(only("waiting").overdue()).isFalse();

        clock.set(MONDAY.plus(Duration.ofHours(24)));
        assertThat(only("waiting").overdue()).isTrue();
    }

    @Test
    void aConcernWithAnyActionIsNotOverdueOpenClosedOrReopened() throws Exception {
        ConcernRecorded noted = recorded("noted", "child-1", "setting-1", MONDAY);
        ConcernRecorded closed = recorded("closed", "child-2", "setting-1", MONDAY);
        ConcernRecorded reopened = recorded("reopened", "child-1", "setting-1", MONDAY);
        concerns.on(noted);
        concerns.on(closed);
        concerns.on(reopened);
        concerns.on(action("a1", noted, ConcernAction.NOTED, MONDAY.plus(Duration.ofHours(30))));
        concerns.on(action("a2", closed, ConcernAction.CLOSED, MONDAY.plus(HOUR)));
        concerns.on(action("a3", reopened, ConcernAction.CLOSED, MONDAY.plus(HOUR)));
        concerns.on(action("a4", reopened, ConcernAction.REOPENED, MONDAY.plus(HOUR.multipliedBy(2))));

        clock.set(MONDAY.plus(Duration.ofDays(3)));

        assertThat(list(null)).extracting(Concern::overdue).containsExactly(false, false, false);
    }

    @Test
    void aConcernDeliveredAgainKeepsItsActionsAndItsStatus() throws Exception {
        ConcernRecorded concern = recorded("concern-1", "child-1", "setting-1", MONDAY);
        concerns.on(concern);
        concerns.on(action("closed", concern, ConcernAction.CLOSED, MONDAY.plus(HOUR)));

        concerns.on(concern);

        assertThat(list(null)).singleElement().satisfies(found -> {
            assertThat(found.status()).isEqualTo(ConcernStatus.CLOSED);
            assertThat(found.actions()).extracting(Action::id).containsExactly("closed");
        });
    }

    @Test
    void anActionDeliveredAgainIsListedOnceAndDoesNotUndoALaterOne() throws Exception {
        ConcernRecorded concern = recorded("concern-1", "child-1", "setting-1", MONDAY);
        ConcernActionRecorded closed = action("closed", concern, ConcernAction.CLOSED, MONDAY.plus(HOUR));
        concerns.on(concern);
        concerns.on(closed);
        concerns.on(action("reopened", concern, ConcernAction.REOPENED, MONDAY.plus(HOUR.multipliedBy(2))));

        concerns.on(closed);

        assertThat(list(null)).singleElement().satisfies(found -> {
            assertThat(found.status()).isEqualTo(ConcernStatus.OPEN);
            assertThat(found.actions()).extracting(Action::id).containsExactly("closed", "reopened");
        });
    }

    @Test
    void namesComeFromTheGroupsOwnLookupsWhenReadSoAStaffMemberRegisteredLaterIsStillNamed() throws Exception {
        concerns.on(new ConcernRecorded("concern-1", "child-1", "family-1", "setting-1", ConcernCategory.OTHER,
                "Seemed withdrawn all day.", "kp-new", MONDAY));
        assertThat(only("concern-1").recordedBy()).isEqualTo(new Person("kp-new", null));

        concerns.on(staff("setting-1", "kp-new", "Nia New", Role.KEY_PERSON));

        assertThat(only("concern-1").recordedBy()).isEqualTo(new Person("kp-new", "Nia New"));
    }

    @Test
    void aResetDropsTheConcernsAndLookupsAndAReplayBuildsTheSameList() throws Exception {
        ConcernRecorded concern = recorded("concern-1", "child-1", "setting-1", MONDAY);
        ConcernActionRecorded closed = action("closed", concern, ConcernAction.CLOSED, MONDAY.plus(HOUR));
        concerns.on(concern);
        concerns.on(closed);
        SettingConcerns before = concerns.handle(new FetchSettingConcerns("setting-1", null)).get();

        concerns.reset();

        assertThat(list(null)).isEmpty();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("dsl-1", "setting-1"))).isFalse();

        registerSettings(concerns);
        concerns.on(concern);
        concerns.on(closed);
        assertThat(concerns.handle(new FetchSettingConcerns("setting-1", null)).get()).isEqualTo(before);
    }

    @Test
    void onlyAStaffMemberRegisteredAsDslOfTheSettingIsItsSafeguardingLead() {
        concerns.on(staff("setting-1", "manager-dsl", "Lee Both", Role.MANAGER, Role.DSL));

        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("dsl-1", "setting-1"))).isTrue();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("manager-dsl", "setting-1"))).isTrue();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("manager-1", "setting-1"))).isFalse();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("kp-1", "setting-1"))).isFalse();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("dsl-2", "setting-1"))).isFalse();
        assertThat(Mongo.await(concerns.isSafeguardingLeadOf("unknown", "setting-1"))).isFalse();
    }
}
