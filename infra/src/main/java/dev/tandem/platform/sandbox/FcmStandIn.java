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
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's OAuth token endpoint and FCM's HTTP v1 send, as far as the Firebase Admin SDK uses them:
 * any signed token request gets an access token, any message is accepted and named. What it
 * received is the push outbox.
 */
public final class FcmStandIn {

    static final String TRANSFORMER = "sandbox-fcm-send";
    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private FcmStandIn(WireMockServer server) {
        this.server = server;
    }

    public static FcmStandIn start(int port) {
        WireMockServer server = StandInServers.start(port, new SendResponder());
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

    /** Every notification accepted so far, in the order received. */
    public List<Received> received() {
        return StandInServers.accepted(server, SEND, 200)
                .map(FcmStandIn::received)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Received::receivedAt))
                .toList();
    }

    /** A notification as FCM took it: device token, title, body, the data's language, its name, when. */
    public record Received(String token, String title, String body, String language, String name,
                           Instant receivedAt) {
    }

    private static Received received(ServeEvent event) {
        try {
            JsonNode message = JSON.readTree(event.getRequest().getBodyAsString()).path("message");
            JsonNode answer = JSON.readTree(event.getResponse().getBodyAsString());
            return new Received(message.path("token").asText(null),
                    message.path("notification").path("title").asText(null),
                    message.path("notification").path("body").asText(null),
                    message.path("data").path("language").asText(null),
                    answer.path("name").asText(null),
                    event.getRequest().getLoggedDate().toInstant());
        } catch (IOException e) {
            return null;
        }
    }

    /** Answers a send as FCM does: 200 and the new message's resource name. */
    static final class SendResponder implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Matcher path = SEND.matcher(event.getRequest().getUrl().split("\\?")[0]);
            String project = path.matches() ? path.group(1) : "sandbox";
            return new ResponseDefinitionBuilder()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\":\"projects/" + project + "/messages/" + UUID.randomUUID() + "\"}")
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
