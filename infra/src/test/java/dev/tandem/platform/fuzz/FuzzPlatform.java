package dev.tandem.platform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.platform.PlatformApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One platform on the embedded default for the whole fuzz run, on a random loopback port with a data
 * directory of its own under {@code target/}, and a way to send it requests exactly as written.
 */
final class FuzzPlatform implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(PATIENCE).build();
    final int port;
    final String jwtSecret;
    final String twilioAuthToken;
    final String publicUrl;

    private FuzzPlatform(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.jwtSecret = context.getEnvironment().getRequiredProperty("platform.jwt.secret");
        this.twilioAuthToken = context.getEnvironment().getRequiredProperty("platform.twilio.auth-token");
        String url = context.getEnvironment().getRequiredProperty("platform.public-url");
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static FuzzPlatform start() {
        // as arguments, which outrank application.yml (builder properties are only defaults)
        return new FuzzPlatform(new SpringApplicationBuilder(PlatformApplication.class)
                .profiles("embedded")
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--platform.data-dir=target/edge-fuzz-data/" + UUID.randomUUID()));
    }

    /** Events in the store: what a refused request must never add to. */
    long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** The last events stored, newest first: their types and aggregates, for a failure report. */
    String latestEvents(long count) {
        return jdbc.queryForList("SELECT payloadtype, aggregateidentifier FROM domainevententry ORDER BY globalindex DESC LIMIT ?",
                Math.max(1, Math.min(count, 5))).toString();
    }

    Answer send(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe.target()))
                .timeout(PATIENCE)
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(header -> request.header(header.name(), header.value()));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("No answer to " + probe + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** A request that must succeed (setting the world up): its JSON answer. */
    JsonNode call(String method, String path, String token, String json, int expectedStatus) {
        List<Probe.Header> headers = new ArrayList<>();
        if (token != null) {
            headers.add(Probe.Header.bearer(token));
        }
        if (json != null) {
            headers.add(Probe.Header.json());
        }
        Answer answer = send(new Probe("setting up", method, path, headers,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), Probe.Expect.MAY_SUCCEED_STORING_NOTHING));
        assertThat(answer.status()).as("%s %s answered %s", method, path, answer.text()).isEqualTo(expectedStatus);
        return answer.body().length == 0 ? null : JSON.readTree(answer.body());
    }

    boolean healthy() {
        Answer health = send(new Probe("health", "GET", "/actuator/health", List.of(), null,
                Probe.Expect.MAY_SUCCEED_STORING_NOTHING));
        return health.status() == 200 && "UP".equals(JSON.readTree(health.body()).path("status").asString());
    }

    @Override
    public void close() {
        context.close();
    }

    /** What came back. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
