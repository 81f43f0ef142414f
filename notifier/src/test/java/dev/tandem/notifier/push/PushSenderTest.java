package dev.tandem.notifier.push;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.SingleAttemptMessaging;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.FcmStandIn;
import dev.tandem.notifier.testing.StandInServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Firebase Admin SDK, its googleapis.com traffic and token exchange sent to WireMock. */
class PushSenderTest {

    @TempDir
    Path directory;

    static final ProviderTimeouts TIMEOUTS = new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    WireMockServer fcm;
    FirebaseApp app;
    PushSender sender;

    @BeforeEach
    void setUp() throws Exception {
        fcm = StandInServer.start();
        app = FirebaseApps.create(FcmStandIn.properties(fcm, directory), TIMEOUTS);
        sender = new PushSender(SingleAttemptMessaging.of(app));
    }

    @AfterEach
    void tearDown() {
        app.delete();
        fcm.stop();
    }

    @Test
    void acceptedNotificationIsIdentifiedByItsName() throws Exception {
        FcmStandIn.accepts(fcm, "0:1700000000000001");

        SendResult result = sender.send(Carers.withDevices("device-token-1"), Carers.message(Language.URDU));

        assertThat(result.accepted()).isTrue();
        assertThat(result.providerId()).isEqualTo("projects/" + FcmStandIn.PROJECT + "/messages/0:1700000000000001");
        assertThat(result.address()).isEqualTo("device-token-1");
        JsonNode sent = new ObjectMapper().readTree(
                fcm.findAll(postRequestedFor(urlEqualTo(FcmStandIn.SEND))).get(0).getBodyAsString());
        assertThat(sent.at("/message/token").asText()).isEqualTo("device-token-1");
        assertThat(sent.at("/message/notification/title").asText()).isEqualTo("title ur");
        assertThat(sent.at("/message/notification/body").asText()).isEqualTo("push body ur");
        assertThat(sent.at("/message/data/language").asText()).isEqualTo("ur");
        assertThat(sent.at("/message/data/updateId").asText()).isEqualTo("update-1");
        // the SDK authenticated with a token from the stand-in, not from Google
        assertThat(fcm.findAll(postRequestedFor(urlEqualTo(FcmStandIn.SEND))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer test-access-token");
        assertThat(fcm.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);
    }

    @Test
    void unregisteredDeviceIsAFailureAndReportedStale() {
        FcmStandIn.unregistered(fcm, "gone-token");

        SendResult result = sender.send(Carers.withDevices("gone-token"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.reason()).contains("UNREGISTERED");
        assertThat(result.staleAddresses()).containsExactly("gone-token");
    }

    @Test
    void oneLiveDeviceIsEnoughAndTheDeadOneIsReportedStale() {
        FcmStandIn.accepts(fcm, "0:2");
        FcmStandIn.unregistered(fcm, "gone-token");

        SendResult result = sender.send(Carers.withDevices("gone-token", "live-token"), Carers.message(Language.ENGLISH));

        assertThat(result.accepted()).isTrue();
        assertThat(result.address()).isEqualTo("live-token");
        assertThat(result.staleAddresses()).containsExactly("gone-token");
    }

    @Test
    void unavailableIsTransientAfterOneCallNotTheSdksFive() {
        FcmStandIn.fails(fcm, 503, "UNAVAILABLE", "UNAVAILABLE");

        SendResult result = sender.send(Carers.withDevices("device-token-1"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(result.reason()).contains("UNAVAILABLE");
        assertThat(fcm.findAll(postRequestedFor(urlEqualTo(FcmStandIn.SEND)))).hasSize(1);
    }

    @Test
    void internalErrorAndExceededQuotaAreTransient() {
        FcmStandIn.fails(fcm, 500, "INTERNAL", "INTERNAL");
        assertThat(sender.send(Carers.withDevices("t"), Carers.message(Language.ENGLISH)).outcome())
                .isEqualTo(Outcome.TRANSIENT);

        FcmStandIn.fails(fcm, 429, "QUOTA_EXCEEDED", "RESOURCE_EXHAUSTED");
        assertThat(sender.send(Carers.withDevices("t"), Carers.message(Language.ENGLISH)).outcome())
                .isEqualTo(Outcome.TRANSIENT);
        assertThat(fcm.findAll(postRequestedFor(urlEqualTo(FcmStandIn.SEND)))).hasSize(2);
    }

    @Test
    void invalidArgumentIsPermanent() {
        FcmStandIn.fails(fcm, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT");

        SendResult result = sender.send(Carers.withDevices("t"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.staleAddresses()).isEmpty();
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnknown() {
        FcmStandIn.answersAfter(fcm, 3000);

        SendResult result = sender.send(Carers.withDevices("t"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fcm.findAll(postRequestedFor(urlEqualTo(FcmStandIn.SEND)))).hasSize(1);
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FirebaseApp nowhere = FirebaseApps.create(new FirebaseProperties(
                FcmStandIn.properties(fcm, directory).credentialsFile(), URI.create("http://127.0.0.1:" + closedPort)),
                TIMEOUTS);
        try {
            SendResult result = new PushSender(SingleAttemptMessaging.of(nowhere))
                    .send(Carers.withDevices("t"), Carers.message(Language.ENGLISH));

            assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        } finally {
            nowhere.delete();
        }
    }

    @Test
    void withoutFirebaseTheAppChannelIsNotUsable() {
        PushSender unconfigured = new PushSender((FirebaseMessaging) null);

        assertThat(unconfigured.unusableBecause(Carers.withDevices("device-token-1")))
                .contains("push provider not configured");
        assertThat(sender.unusableBecause(Carers.withPhone("+447700900123"))).contains("no registered device");
    }
}
