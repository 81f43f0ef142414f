package dev.tandem.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.api.concern.SafeguardingLeadAlertFailed;
import dev.tandem.api.concern.SafeguardingLeadAlerted;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.notifier.dispatch.SentMessages;
import dev.tandem.notifier.testing.MailText;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier as it runs alone: its own configuration file, Axon's JDBC event store on PostgreSQL,
 * the "notifier" tracking processor, the real SDKs against stand-ins. Events go in at one end, an SMS
 * and an email come out at the other, and the outcomes are back in the event store.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=notifier")
@Import(NotifierApplicationTest.MovableTime.class)
@DirtiesContext
class NotifierApplicationTest {

    static final WireMockServer twilio = StandInServer.start();
    static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("platform.jwt.secret", () -> "a-test-secret-that-is-long-enough-for-hs256");
        registry.add("platform.record.seal-key", () -> "a-test-seal-key-of-at-least-32-characters");
        registry.add("platform.privacy.master-key", () -> "a-test-master-key-of-at-least-32-characters");
        registry.add("platform.notifier.overdue.poll-interval-ms", () -> "100");
        registry.add("platform.notifier.scheduler.poll-interval", () -> "PT0.2S");
        registry.add("platform.twilio.account-sid", () -> TwilioStandIn.ACCOUNT_SID);
        registry.add("platform.twilio.auth-token", () -> TwilioStandIn.AUTH_TOKEN);
        registry.add("platform.twilio.from-number", () -> TwilioStandIn.FROM);
        registry.add("platform.twilio.api-base-url", twilio::baseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopStandIns() {
        twilio.stop();
        smtp.stop();
    }

    /** The notifier's pollers tell time by this clock, so a test can let a day pass. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @Bean
        TestClock testClock() {
            return new TestClock(Instant.now());
        }
    }

    @AfterEach
    void backToNow() throws Exception {
        clock.set(Instant.now());
        smtp.purgeEmailFromAllMailboxes();
    }

    @Autowired
    TestClock clock;

    @Autowired
    EventGateway events;

    @Autowired
    EventStore eventStore;

    @Autowired
    SentMessages sentMessages;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void sharedObservationReachesEveryCarerAndTheOutcomesAreStored() throws Exception {
        TwilioStandIn.accepts(twilio, "SM0000000000000000000000000000app1");
        String setting = UUID.randomUUID().toString();
        String family = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        String staff = UUID.randomUUID().toString();
        String update = UUID.randomUUID().toString();

        events.publish(
                new SettingCreated(setting, "Acorn Nursery", "Europe/London", "en", "admin"),
                new StaffMemberRegistered(setting, staff, "Jane Smith", "jane@acorn.example", Set.of(Role.KEY_PERSON),
                        "admin"),
                new CarerJoinedFamily(family, setting, "carer-pl", "Anna Kowalska", "mother", null, "+447700900123",
                        "pl", List.of(Channel.SMS), null),
                new CarerJoinedFamily(family, setting, "carer-ur", "Imran Khan", "father", "imran@example.org", null,
                        "ur", List.of(Channel.APP, Channel.EMAIL), null),
                new ChildRegistered(child, setting, family, "room-1", staff, "Zofia Kowalska", LocalDate.of(2023, 3, 14),
                        "manager"),
                new ObservationShared(update, child, family, setting, staff, "Zofia built a tower.",
                        Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), null, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(TwilioStandIn.received(twilio)).as("SMS").hasSize(1);
            assertThat(smtp.getReceivedMessages()).as("email").hasSize(1);
            assertThat(storedOutcomes(update)).as("outcomes").hasSize(2);
        });

        assertThat(TwilioStandIn.received(twilio).get(0).get("Body")).contains("osoba kluczowa dziecka Zofia");
        assertThat(smtp.getReceivedMessages()[0].getContentLanguage()).containsExactly("ur");
        assertThat(storedOutcomes(update)).allMatch(NotificationSent.class::isInstance)
                .extracting(event -> ((NotificationSent) event).carerId())
                .containsExactlyInAnyOrder("carer-pl", "carer-ur");
        assertThat(sentMessages.languageOfProviderMessage("SM0000000000000000000000000000app1")).contains("pl");

        replayFromTheStart();

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(storedOutcomes(update)).hasSize(2);
    }

    @Test
    void aProviderUnavailableAtFirstIsToldByADurableRetryOnTheSameChannel() throws Exception {
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/Messages.json"))
                .inScenario("retry").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503))
                .willSetStateTo("up"));
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/Messages.json"))
                .inScenario("retry").whenScenarioStateIs("up")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM0000000000000000000000000000ret1\", \"status\": \"queued\"}")));
        String setting = UUID.randomUUID().toString();
        String family = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        String staff = UUID.randomUUID().toString();
        String update = UUID.randomUUID().toString();
        int before = TwilioStandIn.received(twilio).size();

        events.publish(
                new SettingCreated(setting, "Acorn Nursery", "Europe/London", "en", "admin"),
                new StaffMemberRegistered(setting, staff, "Jane Smith", "jane@acorn.example", Set.of(Role.KEY_PERSON),
                        "admin"),
                new CarerJoinedFamily(family, setting, "carer-retry", "Anna Kowalska", "mother", "anna@example.org",
                        "+447700900199", "pl", List.of(Channel.SMS, Channel.EMAIL), null),
                new ChildRegistered(child, setting, family, "room-1", staff, "Zofia Kowalska", LocalDate.of(2023, 3, 14),
                        "manager"),
                new ObservationShared(update, child, family, setting, staff, "Zofia built a tower.",
                        Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(update, NotificationRetryScheduled.class).size() == 1);

        // the retry is due about two seconds after the first attempt, by the platform's clock
        clock.set(clock.instant().plusSeconds(5));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(update, NotificationSent.class).size() == 1);
        NotificationSent sent = (NotificationSent) stored(update, NotificationSent.class).get(0);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(TwilioStandIn.received(twilio)).hasSize(before + 2);
        assertThat(stored(update, NotificationFailed.class)).isEmpty();
        twilio.resetScenarios();
    }

    @Test
    void aBookedMeetingIsRemindedADayBeforeByTheNotifiersScheduler() throws Exception {
        TwilioStandIn.accepts(twilio, "SM0000000000000000000000000000rem1");
        String setting = UUID.randomUUID().toString();
        String family = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        String staff = UUID.randomUUID().toString();
        String meeting = UUID.randomUUID().toString();
        Instant startsAt = clock.instant().plus(Duration.ofHours(25)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int before = TwilioStandIn.received(twilio).size();

        events.publish(
                new SettingCreated(setting, "Acorn Nursery", "Europe/London", "en", "admin"),
                new StaffMemberRegistered(setting, staff, "Jane Smith", "jane@acorn.example", Set.of(Role.KEY_PERSON),
                        "admin"),
                new CarerJoinedFamily(family, setting, "carer-" + family, "Anna Kowalska", "mother", null,
                        "+447700900198", "en", List.of(Channel.SMS), null),
                new ChildRegistered(child, setting, family, "room-1", staff, "Zofia Kowalska", LocalDate.of(2023, 3, 14),
                        "manager"),
                new MeetingBooked(meeting, child, family, setting, staff, staff, startsAt, 30, "Room 2", "Settling in",
                        clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(meeting, NotificationSent.class).size() == 1);

        // the reminder is due a day before the meeting, by the platform's clock
        clock.set(startsAt.minus(Duration.ofHours(24)).plusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(meeting, NotificationSent.class).size() == 2);
        NotificationSent reminder = (NotificationSent) stored(meeting, NotificationSent.class).get(1);
        assertThat(reminder.kind()).isEqualTo(NotificationKind.REMINDER);
        assertThat(TwilioStandIn.received(twilio)).hasSize(before + 2);
        assertThat(TwilioStandIn.received(twilio).get(before + 1).get("Body"))
                .startsWith("Acorn Nursery: a reminder of your meeting with Jane Smith about Zofia");
    }

    /** The events of one type about one update that are in the event store now. */
    private List<Object> stored(String updateId, Class<?> type) throws InterruptedException {
        List<Object> found = new ArrayList<>();
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (type.isInstance(payload) && updateId.equals(dev.tandem.notifier.testing.Events.updateId(payload))) {
                    found.add(payload);
                }
            }
        }
        return found;
    }

    @Test
    void aConcernAlertsTheSettingsDslAtOnceAndRemindsThemOnceWhenOverdueButNeverTellsACarer() throws Exception {
        String setting = UUID.randomUUID().toString();
        String family = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        String dsl = UUID.randomUUID().toString();
        String keyPerson = UUID.randomUUID().toString();
        String concern = UUID.randomUUID().toString();
        String dslEmail = "lead-" + dsl + "@acorn.example";
        Instant recordedAt = clock.instant();

        events.publish(
                new SettingCreated(setting, "Acorn Nursery", "Europe/London", "en", "admin"),
                new StaffMemberRegistered(setting, dsl, "Mary Lead", dslEmail, Set.of(Role.DSL), "admin"),
                new StaffMemberRegistered(setting, keyPerson, "Jane Smith", "jane@acorn.example",
                        Set.of(Role.KEY_PERSON), "admin"),
                new CarerJoinedFamily(family, setting, "carer-" + family, "Anna Kowalska", "mother",
                        "anna@example.org", null, "en", List.of(Channel.EMAIL), null),
                new ChildRegistered(child, setting, family, "room-1", keyPerson, "Zofia Kowalska",
                        LocalDate.of(2023, 3, 14), "manager"),
                new ConcernRecorded(concern, child, family, setting, ConcernCategory.INJURY, "A bruise on her arm.",
                        keyPerson, recordedAt));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedAlerts(concern)).as("alerts").hasSize(1);
            assertThat(smtp.getReceivedMessages()).as("emails").hasSize(1);
        });
        MimeMessage alert = smtp.getReceivedMessages()[0];
        assertThat(alert.getAllRecipients()).extracting(Object::toString).containsExactly(dslEmail);
        assertThat(MailText.plain(alert)).contains("http://localhost:8080/#safeguarding")
                .doesNotContain("Zofia").doesNotContain("bruise");
        SafeguardingLeadAlerted alerted = (SafeguardingLeadAlerted) storedAlerts(concern).get(0);
        assertThat(alerted.staffId()).isEqualTo(dsl);
        assertThat(alerted.reason()).isEqualTo(SafeguardingAlertReason.NEW_CONCERN);
        assertThat(alerted.providerId()).isEqualTo(alert.getMessageID());

        clock.set(recordedAt.plus(Duration.ofHours(24)).plusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedAlerts(concern)).as("alerts").hasSize(2);
            assertThat(smtp.getReceivedMessages()).as("emails").hasSize(2);
        });
        assertThat(((SafeguardingLeadAlerted) storedAlerts(concern).get(1)).reason())
                .isEqualTo(SafeguardingAlertReason.OVERDUE);

        replayFromTheStart();

        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(storedAlerts(concern)).hasSize(2);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).flatMap(NotifierApplicationTest::recipients))
                .containsOnly(dslEmail);
    }

    /** What an operator does to rebuild the notifier's recipients: it must not message anyone again. */
    private void replayFromTheStart() {
        TrackingEventProcessor processor = processing.eventProcessor(NotifierProcessing.GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                // the status's own replaying flag lags until the next event; the token itself does not
                .allMatch(status -> status.isCaughtUp() && !ReplayToken.isReplay(status.getTrackingToken())));
    }

    /** The safeguarding leads' alerts about one concern that are in the event store now, in stored order. */
    private List<Object> storedAlerts(String concernId) throws InterruptedException {
        List<Object> alerts = new ArrayList<>();
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (payload instanceof SafeguardingLeadAlerted alerted && alerted.concernId().equals(concernId)
                        || payload instanceof SafeguardingLeadAlertFailed failed && failed.concernId().equals(concernId)) {
                    alerts.add(payload);
                }
            }
        }
        return alerts;
    }

    private static Stream<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The delivery outcomes about one update that are in the event store now. */
    private List<Object> storedOutcomes(String updateId) throws InterruptedException {
        List<Object> outcomes = new ArrayList<>();
        try (var stream = eventStore.openStream(null)) {
            // the stream tails the store: read only what is already there
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (payload instanceof NotificationSent sent && sent.updateId().equals(updateId)
                        || payload instanceof NotificationFailed failed && failed.updateId().equals(updateId)) {
                    outcomes.add(payload);
                }
            }
        }
        return outcomes;
    }
}
