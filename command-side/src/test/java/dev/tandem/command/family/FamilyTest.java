package dev.tandem.command.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.family.NewCarer;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.api.family.RegisterDevice;
import dev.tandem.api.family.RegisterFamily;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.command.account.InMemoryCredentialStore;
import dev.tandem.command.lookup.Directory.ChildEntry;
import dev.tandem.command.lookup.Directory.StaffEntry;
import dev.tandem.command.lookup.InMemoryDirectory;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

    private final InMemoryDirectory directory = new InMemoryDirectory()
            .setting("setting-1")
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .child(new ChildEntry("older", "setting-1", "family-1", "room-1", "kp-1", LocalDate.of(2021, 5, 1)))
            .child(new ChildEntry("younger", "setting-1", "family-1", "room-2", "kp-2", LocalDate.of(2024, 1, 9)));
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private AggregateTestFixture<Family> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Family.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(new Permissions(directory));
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
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
        fixture.given(REGISTERED, ANNA_JOINED, new CarerJoinedFamily("family-1", "setting-1", "carer-2", "Tom",
                        "father", "tom@example.com", null, "en", List.of(Channel.EMAIL), null))
                .when(new RegisterDevice("family-1", "carer-2", "fcm-token", DevicePlatform.IOS, CARER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void anSmsAnsweringNoRecentUpdateGoesToTheKeyPersonOfTheYoungestChild() {
        fixture.given(REGISTERED, ANNA_JOINED)
                .when(new RecordCarerMessage("family-1", "reply-1", "carer-1", "Is she eating well?", Channel.SMS))
                .expectEvents(new ParentReplied("reply-1", null, "younger", "family-1", "carer-1",
                        "Is she eating well?", Channel.SMS, NOW));
    }
}
