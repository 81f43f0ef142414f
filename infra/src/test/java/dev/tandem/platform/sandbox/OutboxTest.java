package dev.tandem.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.DeliveryLog;
import dev.tandem.notifier.dispatch.DeliverySchedule;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.dispatch.SentMessages;
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.push.FirebaseApps;
import dev.tandem.notifier.push.FirebaseProperties;
import dev.tandem.notifier.push.PushSender;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.sms.SmsSender;
import dev.tandem.notifier.sms.TwilioClients;
import dev.tandem.notifier.sms.TwilioProperties;
import dev.tandem.notifier.template.About;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.template.Templates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The notifier's real SDK clients, configured as the sandbox configures them, send to the stand-ins;
 * the outbox lists what arrived, in order, with each message's language.
 */
class OutboxTest {

    @TempDir
    static Path dataDir;

    static EmbeddedPostgres postgres;
    static TwilioStandIn twilio;
    static FcmStandIn fcm;
    static MailStandIn mail;
    static FirebaseApp firebase;
    static JdbcClient jdbc;
    static WebTestClient http;

    static final RecipientCarer ANNA = new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Nowak", "Anna@Example.com",
            "+447700900123", "pl", List.of(Channel.SMS), null, List.of("device-token-1"));

    static String smsSid;
    static String pushName;
    static String messageId;

    @BeforeAll
    static void sendOneOfEach() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());

        OutboxStore store = new OutboxStore(dataDir.resolve("sandbox/outbox.jsonl"));
        SandboxFaults faults = new SandboxFaults();
        twilio = TwilioStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults,
                new StatusCallbacks(SandboxEnvironmentPostProcessor.AUTH_TOKEN, () -> "http://127.0.0.1:1", Duration.ofMillis(100)),
                Duration.ofSeconds(3));
        fcm = FcmStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults, Duration.ofSeconds(3));
        mail = MailStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults, Duration.ofSeconds(3));
        SentMessages sentMessages = new SentMessages(new DeliveryLog(jdbc,
                new DataSourceTransactionManager(postgres.getPostgresDatabase()), Clock.systemUTC(),
                new DeliverySchedule(SchedulerClient.Builder.create(postgres.getPostgresDatabase(), List.of())
                        .tableName(DeliverySchedule.TABLE).build())));
        http = WebTestClient.bindToController(new OutboxController(new Outbox(store, sentMessages))).build();

        Templates templates = new Templates();
        RenderedMessage polish = templates.observation(Language.POLISH,
                new About("Little Acorns", ZoneOffset.UTC, "Zofia", "Kira Key", Map.of("updateId", "update-1")),
                "Anna Nowak", "Zofia zbudowała wieżę.");

        TwilioProperties twilioProperties = new TwilioProperties(SandboxEnvironmentPostProcessor.ACCOUNT_SID,
                SandboxEnvironmentPostProcessor.AUTH_TOKEN, SandboxEnvironmentPostProcessor.FROM_NUMBER,
                URI.create("http://127.0.0.1:" + twilio.port()));
        SendResult sms = new SmsSender(TwilioClients.create(twilioProperties), twilioProperties, "http://localhost:8080")
                .send(ANNA, polish);
        assertThat(sms.accepted()).as(sms.toString()).isTrue();
        smsSid = sms.providerId();
        recordDelivery(smsSid, Channel.SMS, "pl");

        Path credentials = SandboxCredentials.ensure(dataDir.resolve("sandbox/fcm.json"),
                SandboxEnvironmentPostProcessor.FCM_PROJECT, "http://127.0.0.1:" + fcm.port() + "/token");
        firebase = FirebaseApps.create(new FirebaseProperties(credentials.toString(),
                URI.create("http://127.0.0.1:" + fcm.port())));
        SendResult push = new PushSender(FirebaseMessaging.getInstance(firebase)).send(ANNA,
                templates.observation(Language.URDU,
                        new About("Little Acorns", ZoneOffset.UTC, "Zofia", "Kira Key", Map.of()), "Anna Nowak",
                        "text"));
        assertThat(push.accepted()).as(push.toString()).isTrue();
        pushName = push.providerId();

        JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(mail.port());
        SendResult email = new EmailSender(mailSender, "Tandem <no-reply@tandem.localhost>").send(ANNA, polish);
        assertThat(email.accepted()).as(email.toString()).isTrue();
        messageId = email.providerId();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (firebase != null) {
            firebase.delete();
        }
        twilio.stop();
        fcm.stop();
        mail.stop();
        postgres.close();
    }

    @Test
    void listsWhatEachStandInReceivedOldestFirst() {
        http.get().uri("/sandbox/outbox").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.messages.length()").isEqualTo(3)
                .jsonPath("$.messages[0].channel").isEqualTo("SMS")
                .jsonPath("$.messages[1].channel").isEqualTo("PUSH")
                .jsonPath("$.messages[2].channel").isEqualTo("EMAIL");
    }

    @Test
    void smsShowsItsLanguageFromTheNotifier() {
        http.get().uri(b -> b.path("/sandbox/outbox").queryParam("channel", "SMS").queryParam("to", "+447700900123").build())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.messages.length()").isEqualTo(1)
                .jsonPath("$.messages[0].to").isEqualTo("+447700900123")
                .jsonPath("$.messages[0].language").isEqualTo("pl")
                .jsonPath("$.messages[0].providerId").isEqualTo(smsSid)
                .jsonPath("$.messages[0].subject").doesNotExist()
                .jsonPath("$.messages[0].body").value(body -> assertThat((String) body)
                        .startsWith("Little Acorns: Kira Key, osoba kluczowa dziecka Zofia")
                        .contains("Zofia zbudowała wieżę."))
                .jsonPath("$.messages[0].sentAt").value(sentAt -> assertThat(Instant.parse((String) sentAt))
                        .isBefore(Instant.now().plusSeconds(1)));
        assertThat(smsSid).matches("SM[0-9a-f]{32}");
    }

    @Test
    void pushShowsTokenTitleAndLanguage() {
        http.get().uri("/sandbox/outbox?channel=push&to=device-token-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.messages.length()").isEqualTo(1)
                .jsonPath("$.messages[0].channel").isEqualTo("PUSH")
                .jsonPath("$.messages[0].language").isEqualTo("ur")
                .jsonPath("$.messages[0].subject").isEqualTo("Zofia: نیا مشاہدہ")
                .jsonPath("$.messages[0].providerId").isEqualTo(pushName);
        assertThat(pushName).startsWith("projects/" + SandboxEnvironmentPostProcessor.FCM_PROJECT + "/messages/");
    }

    @Test
    void emailShowsSubjectBodyLanguageAndMessageId() {
        http.get().uri("/sandbox/outbox?channel=EMAIL&to=anna@example.com").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.messages.length()").isEqualTo(1)
                .jsonPath("$.messages[0].to").isEqualTo("Anna@Example.com")
                .jsonPath("$.messages[0].language").isEqualTo("pl")
                .jsonPath("$.messages[0].subject").isEqualTo("Little Acorns: nowa obserwacja dotycząca dziecka Zofia")
                .jsonPath("$.messages[0].body").value(body -> assertThat((String) body).contains("Zofia zbudowała wieżę."))
                .jsonPath("$.messages[0].providerId").isEqualTo(messageId);
    }

    @Test
    void filtersByRecipient() {
        http.get().uri("/sandbox/outbox?to=someone-else@example.com").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.messages").isEmpty();
    }

    @Test
    void refusesAnUnknownChannel() {
        http.get().uri("/sandbox/outbox?channel=PIGEON").exchange().expectStatus().isBadRequest();
    }

    private static void recordDelivery(String providerId, Channel channel, String language) {
        jdbc.sql("""
                        INSERT INTO notifier_delivery (notification_id, provider_id, update_id, child_id, family_id,
                                                       carer_id, channel, language, status, updated_at)
                        VALUES (:id, :provider, 'update-1', 'child-1', 'family-1', 'carer-1', :channel, :language,
                                'SENT', :at)""")
                .param("id", DeliveryLog.notificationId("update-1", "carer-1", channel))
                .param("provider", providerId)
                .param("channel", channel.name())
                .param("language", language)
                .param("at", OffsetDateTime.now())
                .update();
    }
}
