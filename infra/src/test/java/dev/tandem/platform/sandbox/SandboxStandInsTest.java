package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.SingleAttemptMessaging;
import com.twilio.security.RequestValidator;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.ChannelSender.Lookup;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.push.FirebaseApps;
import dev.tandem.notifier.push.FirebaseProperties;
import dev.tandem.notifier.push.PushSender;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.sms.SmsSender;
import dev.tandem.notifier.sms.TwilioClients;
import dev.tandem.notifier.sms.TwilioProperties;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The stand-ins behave as the providers do, seen through the notifier's real SDK clients: faults by
 * channel and kind, Twilio's signed status callbacks, its message list, and an outbox that is kept.
 */
class SandboxStandInsTest {

    static final ProviderTimeouts TIMEOUTS = new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    static final String PUBLIC_URL = "https://tandem.example";
    static final String CALLBACK = PUBLIC_URL + "/webhooks/twilio/status";
    static final RecipientCarer ANNA = new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Nowak", "anna@example.org",
            "+447700900123", "pl", List.of(Channel.SMS), null, List.of("device-token-1"));
    static final RenderedMessage MESSAGE = new RenderedMessage(Language.POLISH, "Zofia zbudowała wieżę.", "Nowa obserwacja",
            "Zofia zbudowała wieżę.", "Zofia", "Nowa obserwacja", Map.of("updateId", "update-1"));

    @TempDir
    static Path dataDir;

    static OutboxStore store;
    static SandboxFaults faults;
    static WireMockServer platform;
    static TwilioStandIn twilio;
    static FcmStandIn fcm;
    static MailStandIn mail;
    static FirebaseApp firebase;
    static SmsSender sms;
    static PushSender push;
    static EmailSender email;

    @BeforeAll
    static void startStandIns() {
        store = new OutboxStore(dataDir.resolve("sandbox/outbox.jsonl"));
        faults = new SandboxFaults();
        platform = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        platform.stubFor(post(urlPathEqualTo("/webhooks/twilio/status")).willReturn(aResponse().withStatus(204)));
        Duration noAnswerFor = TIMEOUTS.read().plusSeconds(2);
        twilio = TwilioStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults,
                new StatusCallbacks(SandboxEnvironmentPostProcessor.AUTH_TOKEN, platform::baseUrl, Duration.ofMillis(100)),
                noAnswerFor);
        fcm = FcmStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults, noAnswerFor);
        mail = MailStandIn.start(SandboxEnvironmentPostProcessor.freeLoopbackPort(), store, faults, noAnswerFor);

        TwilioProperties twilioProperties = new TwilioProperties(SandboxEnvironmentPostProcessor.ACCOUNT_SID,
                SandboxEnvironmentPostProcessor.AUTH_TOKEN, SandboxEnvironmentPostProcessor.FROM_NUMBER,
                URI.create("http://127.0.0.1:" + twilio.port()));
        sms = new SmsSender(TwilioClients.create(twilioProperties, TIMEOUTS), twilioProperties, PUBLIC_URL);
        Path credentials = SandboxCredentials.ensure(dataDir.resolve("sandbox/fcm.json"),
                SandboxEnvironmentPostProcessor.FCM_PROJECT, "http://127.0.0.1:" + fcm.port() + "/token");
        firebase = FirebaseApps.create(new FirebaseProperties(credentials.toString(),
                URI.create("http://127.0.0.1:" + fcm.port())), TIMEOUTS);
        push = new PushSender(SingleAttemptMessaging.of(firebase));
        JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(mail.port());
        email = new EmailSender(EmailSender.withTimeouts(mailSender, TIMEOUTS), "Tandem <no-reply@tandem.localhost>");
    }

    @AfterAll
    static void stopStandIns() {
        firebase.delete();
        twilio.stop();
        fcm.stop();
        mail.stop();
        platform.stop();
    }

    @BeforeEach
    void noFaults() {
        faults.clear();
        platform.resetRequests();
    }

    @Test
    void smsUnavailableAnswers503UntilTheFaultsAreUsed() {
        faults.add(OutboxMessage.SMS, Kind.UNAVAILABLE, 2);
        int before = store.of(OutboxMessage.SMS).size();

        assertThat(sms.send(ANNA, MESSAGE).outcome()).isEqualTo(Outcome.TRANSIENT);
        SendResult second = sms.send(ANNA, MESSAGE);
        SendResult third = sms.send(ANNA, MESSAGE);

        assertThat(second.reason()).isEqualTo("SMS provider unavailable (Twilio 20503, HTTP 503)");
        assertThat(third.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(store.of(OutboxMessage.SMS)).hasSize(before + 1);
    }

    @Test
    void smsRejectedIsTwilio21211AndNothingIsSent() {
        faults.add(OutboxMessage.SMS, Kind.REJECTED, 1);
        int before = store.of(OutboxMessage.SMS).size();

        SendResult result = sms.send(ANNA, MESSAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.reason()).isEqualTo("SMS provider refused (Twilio 21211, HTTP 400)");
        assertThat(store.of(OutboxMessage.SMS)).hasSize(before);
    }

    @Test
    void smsNoAnswerIsTakenAndRecordedButNotAnsweredInTime() {
        faults.add(OutboxMessage.SMS, Kind.NO_ANSWER, 1);
        int before = store.of(OutboxMessage.SMS).size();

        SendResult result = sms.send(ANNA, MESSAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(store.of(OutboxMessage.SMS)).hasSize(before + 1);
    }

    @Test
    void smsIsFollowedBySignedSentThenDeliveredCallbacks() {
        SendResult result = sms.send(ANNA, MESSAGE);

        List<Map<String, String>> callbacks = awaitCallbacks(2);
        assertThat(callbacks).extracting(form -> form.get("MessageStatus")).containsExactly("sent", "delivered");
        assertThat(callbacks).allSatisfy(form -> assertThat(form).containsEntry("MessageSid", result.providerId())
                .containsEntry("To", ANNA.phone()));
        RequestValidator validator = new RequestValidator(SandboxEnvironmentPostProcessor.AUTH_TOKEN);
        for (LoggedRequest request : platform.findAll(postRequestedFor(urlPathEqualTo("/webhooks/twilio/status")))) {
            assertThat(validator.validate(CALLBACK, form(request.getBodyAsString()),
                    request.getHeader("X-Twilio-Signature"))).as("signature").isTrue();
        }
    }

    @Test
    void smsUndeliveredIsReportedWithTwiliosErrorCode() {
        faults.add(OutboxMessage.SMS, Kind.UNDELIVERED, 1);

        SendResult result = sms.send(ANNA, MESSAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        List<Map<String, String>> callbacks = awaitCallbacks(2);
        assertThat(callbacks.get(1)).containsEntry("MessageStatus", "undelivered").containsEntry("ErrorCode", "30003");
    }

    @Test
    void twiliosMessageListIsAnsweredFromWhatTheStandInReceived() {
        Instant since = Instant.now().minusSeconds(60);
        SendResult result = sms.send(ANNA, MESSAGE);

        assertThat(sms.lookUp(ANNA.phone(), MESSAGE, since)).isEqualTo(Lookup.found(result.providerId()));
        assertThat(sms.lookUp("+447700900999", MESSAGE, since)).isEqualTo(Lookup.notFound());
    }

    @Test
    void pushFaultsAreFcmsOwnAnswers() {
        faults.add(OutboxMessage.PUSH, Kind.UNAVAILABLE, 1);
        faults.add(OutboxMessage.PUSH, Kind.REJECTED, 1);
        faults.add(OutboxMessage.PUSH, Kind.NO_ANSWER, 1);
        int before = store.of(OutboxMessage.PUSH).size();

        SendResult unavailable = push.send(ANNA, MESSAGE);
        SendResult rejected = push.send(ANNA, MESSAGE);
        SendResult noAnswer = push.send(ANNA, MESSAGE);
        SendResult fine = push.send(ANNA, MESSAGE);

        assertThat(unavailable.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(rejected.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(rejected.staleAddresses()).containsExactly("device-token-1");
        assertThat(noAnswer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fine.outcome()).isEqualTo(Outcome.ACCEPTED);
        // the one not answered was taken all the same
        assertThat(store.of(OutboxMessage.PUSH)).hasSize(before + 2);
    }

    @Test
    void mailFaultsAreSmtpReplies() {
        faults.add(OutboxMessage.EMAIL, Kind.UNAVAILABLE, 1);
        faults.add(OutboxMessage.EMAIL, Kind.REJECTED, 1);
        faults.add(OutboxMessage.EMAIL, Kind.NO_ANSWER, 1);
        int before = store.of(OutboxMessage.EMAIL).size();

        SendResult unavailable = email.send(ANNA, MESSAGE);
        SendResult rejected = email.send(ANNA, MESSAGE);
        SendResult noAnswer = email.send(ANNA, MESSAGE);
        SendResult fine = email.send(ANNA, MESSAGE);

        assertThat(unavailable.reason()).isEqualTo("mail server unavailable (SMTP 421)");
        assertThat(unavailable.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(rejected.reason()).isEqualTo("mail server refused the message (SMTP 550)");
        assertThat(rejected.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(noAnswer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fine.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(store.of(OutboxMessage.EMAIL)).hasSize(before + 2)
                .last().satisfies(sent -> {
                    assertThat(sent.to()).isEqualTo("anna@example.org");
                    assertThat(sent.language()).isEqualTo("pl");
                    assertThat(sent.subject()).isEqualTo("Nowa obserwacja");
                });
    }

    @Test
    void theOutboxIsReadBackAfterARestartPassingOverALineACrashCutShort(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve("sandbox/outbox.jsonl");
        OutboxStore first = new OutboxStore(file);
        first.record(new OutboxMessage(OutboxMessage.SMS, "+447700900123", null, null, "one", Instant.now(), "SM1"));
        Files.writeString(file, "{\"channel\": \"SMS\", \"to\": \"+4477", StandardOpenOption.APPEND);

        OutboxStore restarted = new OutboxStore(file);
        restarted.record(new OutboxMessage(OutboxMessage.EMAIL, "a@b.c", "en", "s", "two", Instant.now(), "<2@x>"));

        assertThat(new OutboxStore(file).all()).extracting(OutboxMessage::providerId).containsExactly("SM1", "<2@x>");
    }

    private static List<Map<String, String>> awaitCallbacks(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                platform.findAll(postRequestedFor(urlPathEqualTo("/webhooks/twilio/status"))).size() >= count);
        return platform.findAll(postRequestedFor(urlPathEqualTo("/webhooks/twilio/status"))).stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> form(request.getBodyAsString()))
                .toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
