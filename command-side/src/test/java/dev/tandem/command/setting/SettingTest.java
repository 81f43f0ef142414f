package dev.tandem.command.setting;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.setting.CreateSetting;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.setting.OpenRoom;
import dev.tandem.api.setting.RegisterStaffMember;
import dev.tandem.api.setting.RetentionSet;
import dev.tandem.api.setting.RoomOpened;
import dev.tandem.api.setting.SetMeetingReminders;
import dev.tandem.api.setting.SetRetention;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.command.account.InMemoryCredentialStore;
import dev.tandem.command.lookup.RuleLookups.StaffEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.lookup.Permissions;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingTest {

    private static final Actor OPERATOR = Actor.admin("admin");
    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final Actor KEY_PERSON = new Actor("kp-1", Set.of(Role.KEY_PERSON));
    private static final SettingCreated CREATED =
            new SettingCreated("setting-1", "Little Acorns", "Europe/London", "en", "admin");

    private final InMemoryRuleLookups lookups = new InMemoryRuleLookups()
            .setting("setting-1")
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .setting("setting-2")
            .staff(new StaffEntry("manager-2", "setting-2", Set.of(Role.MANAGER)));
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private AggregateTestFixture<Setting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Setting.class);
        fixture.registerInjectableResource(new Permissions(lookups));
        fixture.registerInjectableResource(credentials);
    }

    @Test
    void aManagerSetsTheSettingsRetentionRules() {
        fixture.given(CREATED)
                .when(new SetRetention("setting-1", 5, 25, MANAGER))
                .expectEvents(new RetentionSet("setting-1", 5, 25, MANAGER.id()));
    }

    @Test
    void aKeyPersonCannotSetRetentionRules() {
        fixture.given(CREATED)
                .when(new SetRetention("setting-1", 5, 25, KEY_PERSON))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorCreatesASetting() {
        fixture.givenNoPriorActivity()
                .when(new CreateSetting("setting-1", "Little Acorns", "Europe/London", "en", OPERATOR))
                .expectEvents(CREATED);
    }

    @Test
    void managerCannotCreateASetting() {
        fixture.givenNoPriorActivity()
                .when(new CreateSetting("setting-1", "Little Acorns", "Europe/London", "en", MANAGER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorRegistersTheFirstManagerWithoutPuttingThePasswordInTheEvent() {
        fixture.given(CREATED)
                .when(new RegisterStaffMember("setting-1", "manager-2", "Maya", "maya@acorns.example",
                        new EncodedPassword("{bcrypt}hash"), Set.of(Role.MANAGER, Role.DSL), OPERATOR))
                .expectEvents(new StaffMemberRegistered("setting-1", "manager-2", "Maya", "maya@acorns.example",
                        Set.of(Role.MANAGER, Role.DSL), "admin"));
        assertThat(credentials.findByUsername("MAYA@acorns.example")).hasValueSatisfying(credential ->
                assertThat(credential.passwordHash()).isEqualTo("{bcrypt}hash"));
    }

    @Test
    void keyPersonCannotRegisterStaff() {
        fixture.given(CREATED)
                .when(new RegisterStaffMember("setting-1", "kp-2", "Kim", "kim@acorns.example",
                        new EncodedPassword("{bcrypt}hash"), Set.of(Role.KEY_PERSON), KEY_PERSON))
                .expectException(RefusedException.class)
                .expectNoEvents();
        assertThat(credentials.size()).isZero();
    }

    @Test
    void anEmailAlreadyInUseIsRefused() {
        credentials.register("someone", "kim@acorns.example", new EncodedPassword("x"), Set.of(Role.CARER), null, null);
        fixture.given(CREATED)
                .when(new RegisterStaffMember("setting-1", "kp-2", "Kim", "Kim@Acorns.example",
                        new EncodedPassword("{bcrypt}hash"), Set.of(Role.KEY_PERSON), MANAGER))
                .expectExceptionMessage("Someone already signs in with this email address.")
                .expectNoEvents();
    }

    @Test
    void managerOpensARoom() {
        fixture.given(CREATED)
                .when(new OpenRoom("setting-1", "room-1", "Caterpillars", MANAGER))
                .expectEvents(new RoomOpened("setting-1", "room-1", "Caterpillars", "manager-1"));
    }

    @Test
    void operatorCannotOpenARoom() {
        fixture.given(CREATED)
                .when(new OpenRoom("setting-1", "room-1", "Caterpillars", OPERATOR))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void managerSetsHowEarlyFamiliesAreRemindedOfMeetings() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", 48, MANAGER))
                .expectEvents(new MeetingRemindersSet("setting-1", 48, "manager-1"));
    }

    @Test
    void managerTurnsMeetingRemindersOff() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", 0, MANAGER))
                .expectEvents(new MeetingRemindersSet("setting-1", 0, "manager-1"));
    }

    @Test
    void statingTheDefaultDayBeforeRecordsNothing() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", SetMeetingReminders.DEFAULT_HOURS_BEFORE, MANAGER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void statingTheLeadTimeAlreadySetRecordsNothingButGoingBackToADayDoes() {
        fixture.given(CREATED, new MeetingRemindersSet("setting-1", 2, "manager-1"))
                .when(new SetMeetingReminders("setting-1", 2, MANAGER))
                .expectNoEvents();
        fixture.given(CREATED, new MeetingRemindersSet("setting-1", 2, "manager-1"))
                .when(new SetMeetingReminders("setting-1", 24, MANAGER))
                .expectEvents(new MeetingRemindersSet("setting-1", 24, "manager-1"));
    }

    @Test
    void keyPersonCannotSetMeetingReminders() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", 48, KEY_PERSON))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotSetMeetingReminders() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", 48, new Actor("manager-2", Set.of(Role.MANAGER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorCannotSetMeetingReminders() {
        fixture.given(CREATED)
                .when(new SetMeetingReminders("setting-1", 48, OPERATOR))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
