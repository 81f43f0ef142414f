package dev.tandem.command.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.ChangeCarerPreferences;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.family.EraseFamily;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.family.NewCarer;
import dev.tandem.api.family.OptInToSms;
import dev.tandem.api.family.OptOutOfSms;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.api.family.RegisterDevice;
import dev.tandem.api.family.RegisterFamily;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.command.account.InMemoryCredentialStore;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.lookup.RuleLookups.StaffEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.privacy.FamilyErasure;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FamilyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T18:05:00Z");
    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final Actor CARER = new Actor("carer-1", Set.of(Role.CARER));
    private static final NewCarer ANNA = new NewCarer("carer-1", "Anna Nowak", "mother", "anna@example.com",
            "+447700900123", new EncodedPassword("{bcrypt}anna"), "pl", List.of(Channel.SMS, Channel.EMAIL), null);
    private static final FamilyRegistered REGISTERED =
            new FamilyRegistered("family-1", "setting-1", "Nowak", "manager-1");
    private static final CarerJoinedFamily ANNA_JOINED = new CarerJoinedFamily("family-1", "setting-1", "carer-1",
            "Anna Nowak", "mother", "anna@example.com", "+447700900123", "pl", List.of(Channel.SMS, Channel.EMAIL), null);

    private static final CarerJoinedFamily TOM_JOINED = new CarerJoinedFamily("family-1", "setting-1", "carer-2", "Tom",
            "father", "tom@example.com", null, "en", List.of(Channel.EMAIL), null);
    private static final QuietHours EVENINGS = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));

    private final InMemoryRuleLookups lookups = new InMemoryRuleLookups()
            .setting("setting-1").setting("setting-2")
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("manager-2", "setting-2", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .child(new ChildEntry("older", "setting-1", "family-1", "room-1", "kp-1", LocalDate.of(2021, 5, 1)))
            .child(new ChildEntry("younger", "setting-1", "family-1", "room-2", "kp-2", LocalDate.of(2024, 1, 9)));
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    /** Records what it was asked to erase; keeps the older child's safeguarding record until she is 25. */
    private final List<String> erasedCarers = new ArrayList<>();
    private static final FamilyErased.Retained OLDER_KEPT =
            new FamilyErased.Retained("older", LocalDate.of(2046, 5, 1), FamilyErasure.SAFEGUARDING_RULE);
    private final FamilyErasure erasure = (familyId, settingId, carerIds) -> {
        erasedCarers.addAll(carerIds);
        credentials.remove(carerIds);
        List<String> erased = new ArrayList<>(List.of(familyId));
        erased.addAll(carerIds);
        erased.add("younger");
        return new FamilyErasure.Result(erased, List.of("older", "younger"), List.of(OLDER_KEPT));
    };
    private AggregateTestFixture<Family> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Family.class);
        fixture.registerInjectableResource(lookups);
        fixture.registerInjectableResource(new Permissions(lookups));
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(erasure);
    }

    @Test
    void aManagerErasesTheFamilyItsCarersAndWhatIsNotKeptForSafeguarding() {
        fixture.given(REGISTERED, ANNA_JOINED, TOM_JOINED)
                .when(new EraseFamily("family-1", "The family asked to be forgotten", MANAGER))
                .expectEvents(new FamilyErased("family-1", "setting-1", List.of("carer-1", "carer-2"),
                        List.of("older", "younger"), List.of(OLDER_KEPT), "The family asked to be forgotten",
                        "manager-1", NOW))
                .expectResultMessagePayload(new FamilyErasure.Result(List.of("family-1", "carer-1", "carer-2", "younger"),
                        List.of("older", "younger"), List.of(OLDER_KEPT)));
        assertThat(erasedCarers).containsExactlyInAnyOrder("carer-1", "carer-2");
    }

    @Test
    void onlyAManagerOfTheFamilysSettingErasesIt() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new EraseFamily("family-1", "Asked", new Actor("manager-2", Set.of(Role.MANAGER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new EraseFamily("family-1", "Asked", new Actor("kp-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
        assertThat(erasedCarers).isEmpty();
    }

    @Test
    void anErasedFamilyTakesNoMoreCommands() {
        FamilyErased erased = new FamilyErased("family-1", "setting-1", List.of("carer-1"), List.of(), List.of(),
                "Asked", "manager-1", NOW);
        fixture.given(REGISTERED, ANNA_JOINED, erased)
                .when(new RegisterDevice("family-1", "carer-1", "fcm-token", DevicePlatform.ANDROID, CARER))
                .expectExceptionMessage("This family has been erased.")
                .expectNoEvents();
        fixture.given(REGISTERED, ANNA_JOINED, erased)
                .when(new EraseFamily("family-1", "Again", MANAGER))
                .expectException(RefusedException.class)
                .expectNoEvents();
        fixture.given(REGISTERED, ANNA_JOINED, erased)
                .when(new RecordCarerMessage("family-1", "reply-1", "carer-1", "Hello", Channel.SMS))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void managerRegistersAFamilyWithItsCarersAndTheirSignIns() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily("family-1", "setting-1", "Nowak", List.of(ANNA), MANAGER))
                .expectEvents(REGISTERED, ANNA_JOINED);
        assertThat(credentials.findByUsername("anna@example.com")).hasValueSatisfying(credential -> {
            assertThat(credential.roles()).containsExactly(Role.CARER);
            assertThat(credential.familyId()).isEqualTo("family-1");
        });
    }

    @Test
    void familyInAnUnknownSettingIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily("family-1", "setting-9", "Nowak", List.of(ANNA), MANAGER))
                .expectExceptionMessage("There is no setting setting-9.")
                .expectNoEvents();
        assertThat(credentials.size()).isZero();
    }

    @Test
    void keyPersonCannotRegisterAFamily() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily("family-1", "setting-1", "Nowak", List.of(ANNA),
                        new Actor("kp-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void carerRegistersTheirOwnDevice() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new RegisterDevice("family-1", "carer-1", "fcm-token", DevicePlatform.ANDROID, CARER))
                .expectEvents(new DeviceRegistered("family-1", "carer-1", "fcm-token", DevicePlatform.ANDROID));
    }

    @Test
    void registeringTheSameDeviceAgainChangesNothing() {
        fixture.given(REGISTERED, ANNA_JOINED,
                        new DeviceRegistered("family-1", "carer-1", "fcm-token", DevicePlatform.ANDROID))
                .when(new RegisterDevice("family-1", "carer-1", "fcm-token", DevicePlatform.ANDROID, CARER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void carerCannotRegisterADeviceForAnotherCarer() {
        fixture.given(REGISTERED, ANNA_JOINED, TOM_JOINED)
                .when(new RegisterDevice("family-1", "carer-2", "fcm-token", DevicePlatform.IOS, CARER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void anSmsAnsweringNoRecentUpdateGoesToTheKeyPersonOfTheYoungestChild() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new RecordCarerMessage("family-1", "reply-1", "carer-1", "Is she eating well?", Channel.SMS))
                .expectEvents(new CarerMessageReceived("reply-1", "younger", "family-1", "carer-1",
                        "Is she eating well?", Channel.SMS, NOW));
    }

    private static ChangeCarerPreferences preferences(String carerId, Actor actor) {
        return new ChangeCarerPreferences("family-1", carerId, "en", List.of(Channel.APP, Channel.SMS), EVENINGS, actor);
    }

    private static CarerPreferencesChanged preferencesChanged(String carerId, String by) {
        return new CarerPreferencesChanged("family-1", "setting-1", carerId, "en", List.of(Channel.APP, Channel.SMS),
                EVENINGS, by, NOW);
    }

    @Test
    void carerStatesTheirOwnPreferencesWhole() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", CARER))
                .expectEvents(preferencesChanged("carer-1", "carer-1"));
    }

    @Test
    void managerOfTheSettingStatesACarersPreferences() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", MANAGER))
                .expectEvents(preferencesChanged("carer-1", "manager-1"));
    }

    @Test
    void statingThePreferenceTheCarerJoinedWithRecordsNothing() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new ChangeCarerPreferences("family-1", "carer-1", "pl", List.of(Channel.SMS, Channel.EMAIL), null,
                        CARER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void statingTheSamePreferenceAgainRecordsNothing() {
        fixture.given(REGISTERED, ANNA_JOINED, preferencesChanged("carer-1", "carer-1"))
                .when(preferences("carer-1", MANAGER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reorderingTheChannelsIsAChangeOfPreference() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new ChangeCarerPreferences("family-1", "carer-1", "pl", List.of(Channel.EMAIL, Channel.SMS), null,
                        CARER))
                .expectEvents(new CarerPreferencesChanged("family-1", "setting-1", "carer-1", "pl",
                        List.of(Channel.EMAIL, Channel.SMS), null, "carer-1", NOW));
    }

    @Test
    void carerCannotStateAnotherCarersPreferences() {
        fixture.given(REGISTERED, ANNA_JOINED, TOM_JOINED)
                .when(preferences("carer-2", CARER))
                .expectExceptionMessage("Only a manager of this setting may do this.")
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotStateACarersPreferences() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", new Actor("kp-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotStateACarersPreferences() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", new Actor("manager-2", Set.of(Role.MANAGER))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void operatorCannotStateACarersPreferences() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", Actor.admin("admin")))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void staffWhoseIdIsTheCarersCannotPassAsThatCarer() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-1", new Actor("carer-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void preferencesOfSomeoneNotInTheFamilyAreRefusedAsNotFound() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(preferences("carer-9", MANAGER))
                .expectExceptionMessage("There is no carer carer-9 in this family.")
                .expectNoEvents();
    }

    @Test
    void carerWhoTextsStopIsOptedOutOfSms() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new OptOutOfSms("family-1", "carer-1"))
                .expectEvents(new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW));
    }

    @Test
    void stopFromACarerAlreadyOptedOutRecordsNothing() {
        fixture.given(REGISTERED, ANNA_JOINED, new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW))
                .when(new OptOutOfSms("family-1", "carer-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void carerWhoTextsStartAfterStopIsOptedBackIn() {
        fixture.given(REGISTERED, ANNA_JOINED, new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW))
                .when(new OptInToSms("family-1", "carer-1"))
                .expectEvents(new CarerOptedInToSms("family-1", "setting-1", "carer-1", NOW));
    }

    @Test
    void startFromACarerWhoNeverOptedOutRecordsNothing() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new OptInToSms("family-1", "carer-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void startAfterStartAgainRecordsNothing() {
        fixture.given(REGISTERED, ANNA_JOINED, new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW),
                        new CarerOptedInToSms("family-1", "setting-1", "carer-1", NOW))
                .when(new OptInToSms("family-1", "carer-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void oneCarerOptingOutLeavesTheOtherCarerOptedIn() {
        fixture.given(REGISTERED, ANNA_JOINED, TOM_JOINED,
                        new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW))
                .when(new OptOutOfSms("family-1", "carer-2"))
                .expectEvents(new CarerOptedOutOfSms("family-1", "setting-1", "carer-2", NOW));
    }

    @Test
    void changingPreferencesDoesNotUndoAnSmsOptOut() {
        fixture.given(REGISTERED, ANNA_JOINED, new CarerOptedOutOfSms("family-1", "setting-1", "carer-1", NOW),
                        preferencesChanged("carer-1", "carer-1"))
                .when(new OptOutOfSms("family-1", "carer-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void optingOutSomeoneNotInTheFamilyIsRefusedAsNotFound() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new OptOutOfSms("family-1", "carer-9"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void optingInSomeoneNotInTheFamilyIsRefusedAsNotFound() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new OptInToSms("family-1", "carer-9"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
