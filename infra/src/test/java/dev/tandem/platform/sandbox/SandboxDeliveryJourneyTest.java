package dev.tandem.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.platform.PlatformApplication;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The contract's delivery promises on the embedded default, driven through {@code /sandbox/faults}: a
 * provider unavailable at first is tried again on the same channel (the row PENDING with its attempts and
 * next attempt meanwhile) and the SMS reaches DELIVERED through the stand-in's signed callbacks; a refusal,
 * an unanswered call and a later "undelivered" report each move on to the carer's next channel, once; a
 * meeting is reminded at the setting's lead time, and the reminder shows in its deliveries.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.data-dir=target/sandbox-journey-data/${random.uuid}",
                "platform.notifier.scheduler.poll-interval=PT0.2S"})
@ActiveProfiles("embedded")
class SandboxDeliveryJourneyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final AtomicInteger PHONES = new AtomicInteger(600);

    @LocalServerPort
    int port;

    WebTestClient http;
    String settingId;
    String managerToken;
    String keyPersonToken;
    String childId;
    String carerId;
    String phone;
    String email;

    @BeforeEach
    void aCarerWhoPrefersSmsThenEmail() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = signIn("admin", "admin");
        settingId = create(admin, "/api/settings",
                Map.of("name", "Oak Tree " + unique, "timeZone", "Europe/London", "defaultLanguage", "en"));
        String manager = "mgr-" + unique + "@oak.example";
        create(admin, "/api/settings/" + settingId + "/staff", Map.of("name", "Mo Manager", "email", manager,
                "password", "manager-pass-1", "roles", List.of("MANAGER")));
        managerToken = signIn(manager, "manager-pass-1");
        String keyPerson = "kp-" + unique + "@oak.example";
        String keyPersonId = create(managerToken, "/api/settings/" + settingId + "/staff", Map.of("name", "Kai Key",
                "email", keyPerson, "password", "keyperson-pass-1", "roles", List.of("KEY_PERSON")));
        String roomId = create(managerToken, "/api/settings/" + settingId + "/rooms", Map.of("name", "Acorns"));
        phone = "+447700900" + PHONES.getAndIncrement();
        email = "carer-" + unique + "@example.com";
        JsonNode family = post(managerToken, "/api/settings/" + settingId + "/families", Map.of("name", "Okafor",
                "carers", List.of(Map.of("name", "Ada Okafor", "relationship", "mother", "email", email, "phone", phone,
                        "password", "carer-pass-1", "preferredLanguage", "en", "channels", List.of("SMS", "EMAIL")))));
        carerId = family.get("carerIds").get(0).asString();
        childId = create(managerToken, "/api/settings/" + settingId + "/children", Map.of("name", "Obi Okafor",
                "dateOfBirth", "2023-05-01", "familyId", family.get("id").asString(), "roomId", roomId,
                "keyPersonId", keyPersonId));
        keyPersonToken = signIn(keyPerson, "keyperson-pass-1");
    }

    @AfterEach
    void noFaultsLeft() {
        http.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void aProviderUnavailableAtFirstIsTriedAgainOnTheSameChannelAndTheSmsIsDelivered() {
        fault("SMS", "UNAVAILABLE", 1);

        String updateId = share("Obi planted a sunflower seed.");

        await().atMost(PATIENCE).until(() -> row(updateId, "SMS") != null
                && row(updateId, "SMS").get("attempts").asInt() >= 1);
        JsonNode first = row(updateId, "SMS");
        if (first.get("status").asString().equals("PENDING")) {
            assertThat(first.get("attempts").asInt()).isEqualTo(1);
            assertThat(Instant.parse(first.get("nextAttemptAt").asString())).isAfter(Instant.parse(first.get("updatedAt").asString()));
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(row(updateId, "SMS").get("status").asString()).isEqualTo("DELIVERED"));
        JsonNode delivered = row(updateId, "SMS");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("kind").asString()).isEqualTo("SHARED");
        assertThat(delivered.get("segments").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(delivered.get("encoding").asString()).isEqualTo("GSM-7");
        assertThat(outbox("SMS", phone)).hasSize(1);
        assertThat(outbox("EMAIL", email)).isEmpty();
        assertThat(row(updateId, "EMAIL")).isNull();
    }

    @Test
    void aRefusedNumberMovesOnToEmailAtOnce() {
        fault("SMS", "REJECTED", 1);

        String updateId = share("Obi painted a ladybird.");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(updateId, "EMAIL")).isEqualTo("SENT"));
        JsonNode sms = row(updateId, "SMS");
        assertThat(sms.get("status").asString()).isEqualTo("FAILED");
        assertThat(sms.get("detail").asString()).contains("21211");
        assertThat(outbox("SMS", phone)).isEmpty();
        assertThat(outbox("EMAIL", email)).hasSize(1);
    }

    @Test
    void anUnansweredSmsIsNotRiskedAgainButTheEmailGoes() {
        fault("SMS", "NO_ANSWER", 1);

        String updateId = share("Obi sang the rainbow song.");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(updateId, "EMAIL")).isEqualTo("SENT"));
        assertThat(row(updateId, "SMS").get("status").asString()).isEqualTo("FAILED");
        assertThat(row(updateId, "SMS").get("detail").asString()).startsWith("no answer from the provider");
        // the stand-in took it: the carer has it by SMS too, but never twice by SMS
        assertThat(outbox("SMS", phone)).hasSize(1);
        assertThat(outbox("EMAIL", email)).hasSize(1);
    }

    @Test
    void anSmsReportedUndeliveredIsFollowedByOneEmail() {
        fault("SMS", "UNDELIVERED", 1);

        String updateId = share("Obi found a snail.");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(updateId, "EMAIL")).isEqualTo("SENT"));
        assertThat(row(updateId, "SMS").get("status").asString()).isEqualTo("FAILED");
        assertThat(outbox("SMS", phone)).hasSize(1);
        assertThat(outbox("EMAIL", email)).hasSize(1);
    }

    @Test
    void aMeetingIsRemindedAtTheSettingsLeadTimeAndTheReminderShowsInItsDeliveries() {
        setMeetingReminders(keyPersonToken, 1).expectStatus().isForbidden();
        setMeetingReminders(managerToken, 169).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("hoursBefore");
        setMeetingReminders(managerToken, 1).expectStatus().isNoContent();
        // an hour ahead, with a few seconds' margin for the booking to reach the notifier
        Instant startsAt = Instant.now().plus(Duration.ofHours(1)).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);

        String meetingId = create(keyPersonToken, "/api/children/" + childId + "/meetings", Map.of(
                "startsAt", startsAt.toString(), "durationMinutes", 30, "location", "Acorns room",
                "purpose", "Settling-in review"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(meetingId, "SMS", "REMINDER"))
                .isIn("SENT", "DELIVERED"));
        assertThat(status(meetingId, "SMS", "SHARED")).isIn("SENT", "DELIVERED");
        List<JsonNode> sms = outbox("SMS", phone);
        assertThat(sms).hasSize(2);
        assertThat(sms.get(1).get("body").asString()).contains("a reminder of your meeting with Kai Key about Obi");
        assertThat(outbox("EMAIL", email)).isEmpty();
    }

    private WebTestClient.ResponseSpec setMeetingReminders(String token, int hoursBefore) {
        return http.put().uri("/api/settings/{id}/meeting-reminders", settingId).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("hoursBefore", hoursBefore)).exchange();
    }

    private void fault(String channel, String kind, int count) {
        http.post().uri("/sandbox/faults").bodyValue(Map.of("channel", channel, "kind", kind, "count", count))
                .exchange().expectStatus().isNoContent();
    }

    private String share(String text) {
        return create(keyPersonToken, "/api/children/" + childId + "/observations",
                Map.of("text", text, "areas", List.of("UNDERSTANDING_THE_WORLD")));
    }

    private String status(String updateId, String channel) {
        return status(updateId, channel, "SHARED");
    }

    private String status(String updateId, String channel, String kind) {
        JsonNode row = row(updateId, channel, kind);
        return row == null ? null : row.get("status").asString();
    }

    private JsonNode row(String updateId, String channel) {
        return row(updateId, channel, "SHARED");
    }

    /** The delivery row of our carer on one channel for one telling, or null while there is none (or no update yet). */
    private JsonNode row(String updateId, String channel, String kind) {
        var answer = http.get().uri("/api/updates/{id}/deliveries", updateId)
                .headers(h -> h.setBearerAuth(keyPersonToken))
                .exchange().expectBody(JsonNode.class).returnResult();
        if (answer.getStatus().value() == 404) {
            // the query side has not seen the update yet
            return null;
        }
        assertThat(answer.getStatus().value()).isEqualTo(200);
        JsonNode deliveries = answer.getResponseBody().get("deliveries");
        for (JsonNode row : deliveries) {
            if (row.get("carerId").asString().equals(carerId) && channel.equals(row.get("channel").asString(null))
                    && kind.equals(row.get("kind").asString())) {
                return row;
            }
        }
        return null;
    }

    private List<JsonNode> outbox(String channel, String to) {
        JsonNode messages = http.get().uri(b -> b.path("/sandbox/outbox").queryParam("channel", channel)
                        .queryParam("to", to).build())
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("messages");
        List<JsonNode> found = new ArrayList<>();
        messages.forEach(found::add);
        return found;
    }

    private String create(String token, String path, Object body) {
        return post(token, path, body).get("id").asString();
    }

    private JsonNode post(String token, String path, Object body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token)).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String signIn(String username, String password) {
        return http.post().uri("/api/auth/login").bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("accessToken").asString();
    }
}
