package dev.tandem.platform.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public HTTP API as a client on another machine would use it: plain requests to a base
 * URL, so that a platform that dies mid-request shows up as the {@link IOException} a phone would get.
 */
final class PlatformApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** HTTP/1.1 as browsers speak to the platform (the JDK's client would otherwise ask every connection to upgrade to h2c). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    PlatformApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A call that must succeed (setting up, reading back): anything but 2xx fails the test with the answer. */
    JsonNode ok(Answer answer, String what) {
        if (!answer.ok()) {
            throw new AssertionError(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    String signIn(String username, String password) throws IOException, InterruptedException {
        return ok(post("/api/auth/login", null, Map.of("username", username, "password", password)), "sign-in of " + username)
                .get("accessToken").asString();
    }

    String create(String token, String path, Object body) throws IOException, InterruptedException {
        return ok(post(path, token, body), "POST " + path).get("id").asString();
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    }
}
