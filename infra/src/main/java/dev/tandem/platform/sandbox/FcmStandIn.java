package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
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
    static final class SendResponder implements ResponseDefinitionTransformerV2 {

        private final OutboxStore outbox;
        private final SandboxFaults faults;
        private final Duration noAnswerFor;

        SendResponder(OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
            this.outbox = outbox;
            this.faults = faults;
            this.noAnswerFor = noAnswerFor;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Optional<Kind> fault = faults.take(OutboxMessage.PUSH);
            if (fault.isPresent() && fault.get() == Kind.UNAVAILABLE) {
                return error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.");
            }
            if (fault.isPresent() && fault.get() == Kind.REJECTED) {
                return error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");
            }
            Matcher path = SEND.matcher(event.getRequest().getUrl().split("\\?")[0]);
            String project = path.matches() ? path.group(1) : "sandbox";
            String name = "projects/" + project + "/messages/" + UUID.randomUUID();
            record(event, name);
            ResponseDefinitionBuilder answer = new ResponseDefinitionBuilder()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\":\"" + name + "\"}");
            if (fault.isPresent() && fault.get() == Kind.NO_ANSWER) {
                answer.withFixedDelay((int) noAnswerFor.toMillis());
            }
            return answer.build();
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

        private static ResponseDefinition error(int status, String platformStatus, String fcmCode, String message) {
            return new ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("""
                            {"error": {"code": %d, "message": "%s", "status": "%s",
                              "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                           "errorCode": "%s"}]}}""".formatted(status, message, platformStatus, fcmCode))
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
