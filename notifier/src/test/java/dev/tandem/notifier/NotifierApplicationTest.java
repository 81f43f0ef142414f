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
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.notifier.dispatch.SentMessages;
import dev.tandem.notifier.testing.TestDatabase;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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

    /** What an operator does to rebuild the notifier's directory: it must not message anyone again. */
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
