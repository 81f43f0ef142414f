package dev.tandem.notifier.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tandem.notifier.push.FirebaseProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Canned answers of Google's OAuth token endpoint and FCM's HTTP v1 send, for WireMock. */
public final class FcmStandIn {

    public static final String PROJECT = "tandem-test";
    public static final String SEND = "/v1/projects/" + PROJECT + "/messages:send";

    private FcmStandIn() {
    }

    public static FirebaseProperties properties(WireMockServer server, Path directory) throws IOException {
        issuesTokens(server);
        Path credentials = ServiceAccounts.write(directory, PROJECT, server.baseUrl() + "/token");
        return new FirebaseProperties(credentials.toString(), URI.create(server.baseUrl()));
    }

    public static void issuesTokens(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"test-access-token\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")));
    }

    public static void accepts(WireMockServer server, String messageId) {
        server.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"projects/" + PROJECT + "/messages/" + messageId + "\"}")));
    }

    /** Every send answered with an FCM error: its HTTP status, FCM error code and platform status. */
    public static void fails(WireMockServer server, int status, String fcmErrorCode, String platformStatus) {
        server.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": {"code": %d, "message": "fault", "status": "%s",
                                  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                               "errorCode": "%s"}]}}""".formatted(status, platformStatus, fcmErrorCode))));
    }

    /** Every send answered only after {@code millis}. */
    public static void answersAfter(WireMockServer server, int millis) {
        server.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).atPriority(1)
                .willReturn(aResponse().withFixedDelay(millis).withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"projects/" + PROJECT + "/messages/late\"}")));
    }

    public static void unregistered(WireMockServer server, String token) {
        server.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).atPriority(1)
                .withRequestBody(WireMock.matchingJsonPath("$.message.token", WireMock.equalTo(token)))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": {"code": 404, "message": "Requested entity was not found.",
                                  "status": "NOT_FOUND",
                                  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                               "errorCode": "UNREGISTERED"}]}}""")));
    }
}
