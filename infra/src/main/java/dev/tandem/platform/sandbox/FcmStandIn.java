package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's OAuth token endpoint and FCM's HTTP v1 send, as far as the Firebase Admin SDK uses them:
 * any signed token request gets an access token, any message is accepted, named and recorded in the
 * outbox before it is answered. {@link SandboxFaults} make it answer 503 UNAVAILABLE, 404 UNREGISTERED,
 * or take the message without answering in time.
 */
public final class FcmStandIn {

    static final String TRANSFORMER = "sandbox-fcm-send";
    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private FcmStandIn(WireMockServer server) {
        this.server = server;
    }

    public static FcmStandIn start(int port, OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
        WireMockServer server = StandInServers.start(port, new SendResponder(outbox, faults, noAnswerFor));
        server.stubFor(post(urlPathEqualTo("/token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"sandbox-access-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        server.stubFor(post(urlPathMatching(SEND.pattern())).willReturn(aResponse().withTransformers(TRANSFORMER)));
        return new FcmStandIn(server);
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }

    /** Answers a send as FCM does: 200 and the new message's resource name. */
    static final class SendResponder extends FaultableSend {

        private final OutboxStore outbox;

        SendResponder(OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
            super(TRANSFORMER, OutboxMessage.PUSH, faults, noAnswerFor);
            this.outbox = outbox;
        }

        @Override
        ResponseDefinitionBuilder unavailable() {
            return error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.");
        }

        @Override
        ResponseDefinitionBuilder rejected() {
            return error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");
        }

        @Override
        ResponseDefinitionBuilder accepted(ServeEvent event, Optional<Kind> fault) {
            Matcher path = SEND.matcher(event.getRequest().getUrl().split("\\?")[0]);
            String project = path.matches() ? path.group(1) : "sandbox";
            String name = "projects/" + project + "/messages/" + UUID.randomUUID();
            record(event, name);
            return new ResponseDefinitionBuilder()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\":\"" + name + "\"}");
        }

        private void record(ServeEvent event, String name) {
            try {
                JsonNode message = JSON.readTree(event.getRequest().getBodyAsString()).path("message");
                outbox.record(new OutboxMessage(OutboxMessage.PUSH, message.path("token").asText(null),
                        message.path("data").path("language").asText(null),
                        message.path("notification").path("title").asText(null),
                        message.path("notification").path("body").asText(null), Instant.now(), name));
            } catch (IOException e) {
                // not a message the SDK would send: nothing to show
            }
        }

        private static ResponseDefinitionBuilder error(int status, String platformStatus, String fcmCode, String message) {
            return new ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("""
                            {"error": {"code": %d, "message": "%s", "status": "%s",
                              "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                           "errorCode": "%s"}]}}""".formatted(status, message, platformStatus, fcmCode));
        }
    }
}
