package dev.tandem.notifier.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.testing.NotifierTables;
import dev.tandem.support.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecipientsProjectionTest {

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    final RecipientsProjection projection = new RecipientsProjection(jdbc);
    final Recipients recipients = new Recipients(jdbc);

    @BeforeEach
    void clear() {
        NotifierTables.clear();
    }

    void history() {
        projection.on(new SettingCreated("s-1", "Acorn Nursery", "Europe/London", "pl", "admin"));
        projection.on(new StaffMemberRegistered("s-1", "staff-1", "Jane Smith", "jane@acorn.example",
                Set.of(Role.KEY_PERSON), "admin"));
        projection.on(new ChildRegistered("c-1", "s-1", "f-1", "r-1", "staff-1", "Zofia Kowalska",
                LocalDate.of(2023, 3, 14), "manager"));
        projection.on(new CarerJoinedFamily("f-1", "s-1", "carer-b", "Anna", "mother", " anna@example.org ", "",
                "pl", List.of(Channel.EMAIL, Channel.APP, Channel.EMAIL),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0))));
        projection.on(new CarerJoinedFamily("f-1", "s-1", "carer-a", "Piotr", "father", null, "+447700900123",
                null, List.of(Channel.SMS), null));
        projection.on(new DeviceRegistered("f-1", "carer-b", "token-1", DevicePlatform.ANDROID));
    }

    @Test
    void recipientsHoldWhatDispatchNeeds() {
        history();

        assertThat(recipients.setting("s-1")).contains(
                new RecipientSetting("s-1", "Acorn Nursery", ZoneId.of("Europe/London"), Language.POLISH, 24));
        assertThat(recipients.staffName("staff-1")).contains("Jane Smith");
        assertThat(recipients.child("c-1")).contains(new RecipientChild("c-1", "s-1", "f-1", "staff-1", "Zofia Kowalska"));
        List<RecipientCarer> carers = recipients.carersOfFamily("f-1");
        // in the order they joined, not by id
        assertThat(carers).extracting(RecipientCarer::id).containsExactly("carer-b", "carer-a");
        RecipientCarer anna = carers.get(0);
        assertThat(anna.email()).isEqualTo("anna@example.org");
        assertThat(anna.hasPhone()).isFalse();
        assertThat(anna.channels()).containsExactly(Channel.EMAIL, Channel.APP);
        assertThat(anna.deviceTokens()).containsExactly("token-1");
        assertThat(anna.quietHours()).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0)));
        assertThat(carers.get(1).preferredLanguage()).isNull();
        assertThat(carers.get(1).deviceTokens()).isEmpty();
    }

    @Test
    void aSettingRemindsADayBeforeUntilAManagerSaysOtherwiseAndARecreationKeepsWhatTheySaid() {
        history();
        projection.on(new MeetingRemindersSet("s-1", 2, "manager"));
        projection.on(new SettingCreated("s-1", "Acorn Nursery", "Europe/London", "pl", "admin"));

        assertThat(recipients.setting("s-1")).hasValueSatisfying(setting ->
                assertThat(setting.meetingReminderHours()).isEqualTo(2));
        projection.on(new MeetingRemindersSet("s-1", 0, "manager"));
        assertThat(recipients.setting("s-1")).hasValueSatisfying(setting ->
                assertThat(setting.meetingReminderHours()).isZero());
    }

    @Test
    void replayingTheHistoryChangesNothing() {
        history();
        List<RecipientCarer> before = recipients.carersOfFamily("f-1");

        history();

        assertThat(recipients.carersOfFamily("f-1")).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_carer").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_device").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void forgottenDeviceIsNoLongerOffered() {
        history();

        recipients.forgetDevice("token-1");

        assertThat(recipients.carersOfFamily("f-1").get(0).hasDevice()).isFalse();
    }

    @Test
    void changedPreferencesReplaceLanguageChannelsAndQuietHours() {
        history();

        projection.on(new CarerPreferencesChanged("f-1", "s-1", "carer-a", "ur", List.of(Channel.EMAIL, Channel.SMS),
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 30)), "carer-a", Instant.now()));

        RecipientCarer piotr = recipients.carer("carer-a").orElseThrow();
        assertThat(piotr.preferredLanguage()).isEqualTo("ur");
        assertThat(piotr.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(piotr.quietHours()).isEqualTo(new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 30)));
        assertThat(piotr.phone()).isEqualTo("+447700900123");
    }

    @Test
    void safeguardingLeadsAreTheSettingsStaffWithTheDslRoleAsLastRegistered() {
        history();
        projection.on(new StaffMemberRegistered("s-1", "staff-2", "Mary Lead", "mary@acorn.example",
                Set.of(Role.DSL, Role.MANAGER), "admin"));
        projection.on(new StaffMemberRegistered("s-2", "staff-3", "Bea Birch", "bea@birch.example", Set.of(Role.DSL),
                "admin"));
        assertThat(recipients.safeguardingLeadsOf("s-1")).containsExactly(
                new RecipientStaff("staff-2", "s-1", "Mary Lead", "mary@acorn.example", Set.of(Role.DSL, Role.MANAGER)));

        // re-registered: the key person becomes a DSL at a new address, the manager is a DSL no longer
        projection.on(new StaffMemberRegistered("s-1", "staff-1", "Jane Smith", " jane.smith@acorn.example ",
                Set.of(Role.KEY_PERSON, Role.DSL), "admin"));
        projection.on(new StaffMemberRegistered("s-1", "staff-2", "Mary Lead", "mary@acorn.example",
                Set.of(Role.MANAGER), "admin"));

        assertThat(recipients.safeguardingLeadsOf("s-1")).containsExactly(
                new RecipientStaff("staff-1", "s-1", "Jane Smith", "jane.smith@acorn.example",
                        Set.of(Role.KEY_PERSON, Role.DSL)));
        assertThat(recipients.safeguardingLeadsOf("s-1").get(0)).hasToString("RecipientStaff[staff-1]");
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_staff").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void smsOptOutIsKeptUntilTheCarerOptsBackIn() {
        history();

        projection.on(new CarerOptedOutOfSms("f-1", "s-1", "carer-a", Instant.now()));
        assertThat(recipients.carer("carer-a").orElseThrow().smsOptedOut()).isTrue();
        assertThat(recipients.carer("carer-a").orElseThrow().channels()).containsExactly(Channel.SMS);

        projection.on(new CarerOptedInToSms("f-1", "s-1", "carer-a", Instant.now()));
        assertThat(recipients.carer("carer-a").orElseThrow().smsOptedOut()).isFalse();
    }

    @Test
    void restrictionsAreKeptPerChildAndLifted() {
        history();

        projection.on(new CarerRestricted("c-1", "f-1", "s-1", "carer-a", "court order", "dsl", Instant.now()));
        projection.on(new CarerRestricted("c-1", "f-1", "s-1", "carer-a", "court order", "dsl", Instant.now()));

        assertThat(recipients.isRestrictedFromAll("carer-a", Set.of("c-1"))).isTrue();
        assertThat(recipients.isRestrictedFromAll("carer-a", Set.of("c-1", "c-2"))).isFalse();
        assertThat(recipients.isRestrictedFromAll("carer-a", Set.of())).isFalse();
        assertThat(recipients.isRestrictedFromAll("carer-b", Set.of("c-1"))).isFalse();

        projection.on(new CarerRestrictionLifted("c-1", "f-1", "s-1", "carer-a", "order ended", "dsl", Instant.now()));
        assertThat(recipients.isRestrictedFromAll("carer-a", Set.of("c-1"))).isFalse();
    }

    @Test
    void withdrawnUpdateIsRemembered() {
        UpdateWithdrawn withdrawn = new UpdateWithdrawn("u-1", "s-1", "c-1", List.of("f-1"), "error", "staff-1",
                Instant.now());

        projection.on(withdrawn);
        projection.on(withdrawn);

        assertThat(recipients.isWithdrawn("u-1")).isTrue();
        assertThat(recipients.isWithdrawn("u-2")).isFalse();
    }

    @Test
    void childIsNamedByFirstName() {
        assertThat(new RecipientChild("c", "s", "f", "k", "  Zofia Anna Kowalska ").firstName()).isEqualTo("Zofia");
        assertThat(new RecipientChild("c", "s", "f", "k", "Ali").firstName()).isEqualTo("Ali");
    }
}
