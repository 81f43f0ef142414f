package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/**
 * The platform's edges, tried as a careless client or an attacker would: every bad input a clear 4xx
 * problem+json that names what is wrong and no internal class, never a 5xx or an empty body; repeated
 * failed sign-ins throttled; a token believed only as far as the platform's own record of its subject.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/hardened-edges-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class HardenedEdgesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${platform.jwt.secret}")
    String jwtSecret;

    private WebTestClient http;
    private Nursery nursery;

    @BeforeEach
    void aNursery() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        nursery = Nursery.setUp(http);
    }

    @Test
    void aNulByteAnywhereInABodyIsRefusedNamingItsField() {
        problem(post("/api/auth/login", null, "{\"username\":\"\\u0000\",\"password\":\"x\"}"), 400, "username");
        problem(post("/api/settings/" + nursery.settingId() + "/families", nursery.managerToken(),
                "{\"name\":\"Nowak\",\"carers\":[{\"name\":\"Nul\\u0000Carer\",\"relationship\":\"mother\","
                        + "\"email\":\"nul@example.com\",\"password\":\"carer-pass-9\",\"preferredLanguage\":\"en\","
                        + "\"channels\":[\"EMAIL\"]}]}"), 400, "carers[0].name");
        problem(post("/api/settings/" + nursery.settingId() + "/children", nursery.managerToken(),
                "{\"name\":\"Ada\",\"dateOfBirth\":\"2023-01-01\",\"familyId\":\"\\u0000\",\"roomId\":\""
                        + nursery.roomId() + "\",\"keyPersonId\":\"" + nursery.keyPersonId() + "\"}"), 400, "familyId");
        problem(post("/api/children/" + nursery.childId() + "/feedback", nursery.keyPersonToken(),
                "{\"text\":\"Lovely\",\"inReplyTo\":\"\\u0000\"}"), 400, "inReplyTo");
    }

    @Test
    void scalarsAreNotCoercedAndTextIsText() {
        String admin = Nursery.signIn(http, "admin", "admin");
        for (String name : List.of("12345", "true", "3.14", "[\"Acorns\"]")) {
            problem(post("/api/settings", admin,
                    "{\"name\":" + name + ",\"timeZone\":\"Europe/London\",\"defaultLanguage\":\"en\"}"), 400, "name");
        }
        problem(post("/api/rooms/" + nursery.roomId() + "/announcements", nursery.managerToken(),
                "{\"title\":\"Closed\",\"text\":\"Burst pipe\",\"urgent\":\"\"}"), 400, "urgent");
        problem(post("/api/children/" + nursery.childId() + "/meetings", nursery.keyPersonToken(),
                "{\"startsAt\":\"2030-01-01T10:00:00Z\",\"durationMinutes\":\"30\",\"location\":\"Room\","
                        + "\"purpose\":\"Review\"}"), 400, "durationMinutes");
    }

    @Test
    void duplicateKeysControlCharactersAndLoneSurrogatesAreRefused() {
        String path = "/api/children/" + nursery.childId() + "/observations";
        problem(post(path, nursery.keyPersonToken(), "{\"text\":\"One\",\"text\":\"Two\",\"areas\":[\"LITERACY\"]}"),
                400, "text");
        problem(post(path, nursery.keyPersonToken(), "{\"text\":\"Bell\\u0007\",\"areas\":[\"LITERACY\"]}"),
                400, "text");
        problem(post(path, nursery.keyPersonToken(), "{\"text\":\"Half \\ud83d\",\"areas\":[\"LITERACY\"]}"),
                400, "text");
        // a line break, a tab and a whole emoji are text
        post(path, nursery.keyPersonToken(),
                "{\"text\":\"Line one\\nline two\\r\\n\\tand a \\ud83d\\ude00\",\"areas\":[\"LITERACY\"]}")
                .expectStatus().isCreated();
    }

    @Test
    void idsInAddressesAreUuidsOrARefusalNamingThem() {
        problem(http.post().uri(URI.create("http://127.0.0.1:" + port
                        + "/api/settings/%27%20OR%20%271%27%3D%271/staff"))
                .headers(h -> h.setBearerAuth(nursery.managerToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), 400, "settingId");
        problem(get("/api/children/not-a-child/history", nursery.managerToken()), 400, "childId");
        problem(get("/api/children/" + nursery.childId() + "/carers/%7Bx%7D/restriction", nursery.managerToken()),
                400, "carerId");
    }

    @Test
    void whatTheFrameworkRefusesIsProblemJsonWithoutClassNames() throws Exception {
        JsonNode unsupported = problem(http.post().uri("/api/settings/" + nursery.settingId() + "/rooms")
                .headers(h -> h.setBearerAuth(nursery.managerToken())).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("Caterpillars").exchange(), 415, null);
        assertThat(unsupported.toString()).doesNotContain("dev.tandem", "bodyType");
        problem(http.delete().uri("/api/settings/" + nursery.settingId() + "/rooms")
                .headers(h -> h.setBearerAuth(nursery.managerToken())).exchange(), 405, null);

        for (String path : List.of("/api/children/%00/history", "/api/children/..%2F..%2Fetc%2Fpasswd/history")) {
            HttpResponse<String> response = raw("GET", path, Map.of("Authorization", "Bearer " + nursery.managerToken()),
                    null);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        HttpResponse<String> longQuery = raw("GET", "/api/settings/" + nursery.settingId() + "/meetings?from="
                + "x".repeat(7000), Map.of("Authorization", "Bearer " + nursery.managerToken()), null);
        assertThat(longQuery.statusCode()).isEqualTo(414);
        assertThat(longQuery.body()).contains("\"status\":414");
        HttpResponse<String> bigToken = raw("GET", "/api/staff/" + nursery.keyPersonId() + "/inbox",
                Map.of("Authorization", "Bearer " + "a".repeat(20_000)), null);
        assertThat(bigToken.statusCode()).isEqualTo(431);
        assertThat(bigToken.body()).contains("\"status\":431");
    }

    @Test
    void oversizedBodiesAnswer413() {
        String big = "{\"text\":\"" + "a".repeat(100_000) + "\",\"areas\":[\"LITERACY\"]}";
        problem(post("/api/children/" + nursery.childId() + "/observations", nursery.keyPersonToken(), big), 413, null);

        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        Map<String, String> fields = Map.of("From", nursery.polishCarerPhone(), "To", "+447700900000",
                "Body", "a".repeat(1_000_000), "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        fields.forEach(form::add);
        String signature = ObservationJourneyTest.signature("http://localhost:8080/webhooks/twilio/sms", fields);
        problem(http.post().uri("/webhooks/twilio/sms").header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
                .exchange(), 413, null);
    }

    @Test
    void repeatedFailedSignInsAreThrottledAndTheRightPasswordWorksAfterTheWait() {
        for (int i = 0; i < 5; i++) {
            problem(post("/api/auth/login", null, "{\"username\":\"" + nursery.managerEmail()
                    + "\",\"password\":\"wrong-" + i + "\"}"), 401, null);
        }
        var throttled = post("/api/auth/login", null,
                "{\"username\":\"" + nursery.managerEmail() + "\",\"password\":\"manager-pass-1\"}");
        throttled.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        problem(throttled, 429, null);
        // an account that does not exist is throttled alike: the throttle tells nothing about who exists
        for (int i = 0; i < 5; i++) {
            post("/api/auth/login", null, "{\"username\":\"nobody-" + nursery.settingId() + "@example.com\","
                    + "\"password\":\"wrong\"}").expectStatus().isUnauthorized();
        }
        post("/api/auth/login", null, "{\"username\":\"nobody-" + nursery.settingId() + "@example.com\","
                + "\"password\":\"wrong\"}").expectStatus().isEqualTo(429);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                post("/api/auth/login", null,
                        "{\"username\":\"" + nursery.managerEmail() + "\",\"password\":\"manager-pass-1\"}")
                        .expectStatus().isOk());
    }

    @Test
    void aTokenIsBelievedOnlyAsFarAsThePlatformsRecordOfItsSubject() {
        String admin = Nursery.signIn(http, "admin", "admin");
        // signed with the platform's own key, naming a carer as the operator
        String forged = token(nursery.polishCarerId(), List.of("ADMIN"), Instant.now().plusSeconds(600));
        problem(post("/api/settings", forged,
                "{\"name\":\"Forged\",\"timeZone\":\"Europe/London\",\"defaultLanguage\":\"en\"}"), 403, null);
        // the same carer's real rights still hold
        get("/api/families/" + nursery.familyId() + "/timeline", forged).expectStatus().isOk();
        // a subject the platform does not know, and a token with no expiry, are not signed in at all
        problem(get("/api/families/" + nursery.familyId() + "/timeline",
                token(UUID.randomUUID().toString(), List.of("CARER"), Instant.now().plusSeconds(600))), 401, null);
        problem(get("/api/families/" + nursery.familyId() + "/timeline",
                token(nursery.polishCarerId(), List.of("CARER"), null)), 401, null);
        post("/api/settings", admin, "{\"name\":\"Real\",\"timeZone\":\"Europe/London\",\"defaultLanguage\":\"en\"}")
                .expectStatus().isCreated();
    }

    @Test
    void theWebClientIsServedWithSecurityHeaders() {
        http.get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).value(health -> assertThat(health.get("status").asString()).isEqualTo("UP"));
    }

    private String token(String subject, List<String> roles, Instant expiresAt) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("tandem").subject(subject).issuedAt(Instant.now())
                .claim("roles", roles);
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    private WebTestClient.ResponseSpec post(String path, String token, String json) {
        return http.post().uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return http.get().uri(URI.create("http://127.0.0.1:" + port + path)).headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    /** A problem+json answer with this status, naming {@code field} among its errors when given. */
    private static JsonNode problem(WebTestClient.ResponseSpec response, int status, String field) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("/problems/");
        assertThat(problem.toString()).doesNotContain("dev.tandem", "Exception", "at org.");
        if (field != null) {
            assertThat(problem.get("errors")).extracting(error -> error.get("field").asString()).contains(field);
        }
        return problem;
    }

    /** Below WebTestClient, which would encode or refuse what an attacker sends as it is. */
    private HttpResponse<String> raw(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(PATIENCE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
