package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A day at the nursery through HTTP on the embedded default: set up, share, book, reschedule,
 * announce, reply, acknowledge, give feedback, withdraw, record a concern, restrict and lift,
 * change preferences, cancel. Each step is checked where a person would see it: the family
 * timeline, the key person's inbox, the meeting list and the provider stand-ins' outbox.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/nursery-day-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class NurseryDayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void aNurseryDay() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(PATIENCE).build();
        Nursery nursery = Nursery.setUp(http);
        Day day = new Day(http, nursery);

        // The Patels have twins in the same room: a room announcement reaches them once.
        String patelEmail = "priya-" + UUID.randomUUID() + "@example.com";
        JsonNode patels = Nursery.post(http, nursery.managerToken(), "/api/settings/" + nursery.settingId() + "/families",
                Map.of("name", "Patel", "carers", List.of(Map.of("name", "Priya Patel", "relationship", "mother",
                        "email", patelEmail, "password", "carer-pass-3", "preferredLanguage", "ur",
                        "channels", List.of("EMAIL")))));
        for (String twin : List.of("Aarav Patel", "Anaya Patel")) {
            Nursery.create(http, nursery.managerToken(), "/api/settings/" + nursery.settingId() + "/children",
                    Map.of("name", twin, "dateOfBirth", "2022-09-01", "familyId", patels.get("id").asString(),
                            "roomId", nursery.roomId(), "keyPersonId", nursery.keyPersonId()));
        }

        // Morning: an observation, sent once however often the key person's phone retries it.
        String observation = day.postWithKey("/api/children/" + nursery.childId() + "/observations", "obs-1",
                Map.of("text", "Zofia poured water between cups and said 'more' and 'less'.",
                        "areas", List.of("MATHEMATICS", "COMMUNICATION_AND_LANGUAGE")));
        assertThat(day.postWithKey("/api/children/" + nursery.childId() + "/observations", "obs-1",
                Map.of("text", "Zofia poured water between cups and said 'more' and 'less'.",
                        "areas", List.of("MATHEMATICS", "COMMUNICATION_AND_LANGUAGE")))).isEqualTo(observation);
        day.awaitEntry(nursery.polishCarerToken(), observation);

        // A meeting for tomorrow; a second one at the same hour is refused; the first moves to the afternoon.
        Instant tomorrowMorning = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String meeting = Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/meetings",
                Map.of("startsAt", tomorrowMorning.toString(), "durationMinutes", 30, "location", "Caterpillars room",
                        "purpose", "Settling-in review"));
        http.post().uri("/api/children/{id}/meetings", nursery.childId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("startsAt", tomorrowMorning.plus(15, ChronoUnit.MINUTES).toString(),
                        "durationMinutes", 30, "location", "Office", "purpose", "Another"))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("meeting-overlaps");
        Instant tomorrowAfternoon = tomorrowMorning.plus(5, ChronoUnit.HOURS);
        http.post().uri("/api/meetings/{id}/reschedule", meeting)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("startsAt", tomorrowAfternoon.toString(), "durationMinutes", 45))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode entry = day.entry(nursery.polishCarerToken(), meeting);
            assertThat(entry.get("type").asString()).isEqualTo("MEETING");
            assertThat(Instant.parse(entry.get("meeting").get("startsAt").asString())).isEqualTo(tomorrowAfternoon);
            assertThat(entry.get("meeting").get("status").asString()).isEqualTo("BOOKED");
            JsonNode listed = day.meetings().get(0);
            assertThat(listed.get("id").asString()).isEqualTo(meeting);
            assertThat(listed.get("durationMinutes").asInt()).isEqualTo(45);
        });

        // The key person announces to the room: each family once, the Patels too, in Urdu.
        String announcement = Nursery.create(http, nursery.keyPersonToken(), "/api/rooms/" + nursery.roomId() + "/announcements",
                Map.of("title", "Pyjama day", "text", "Come in pyjamas on Friday!", "eventDate", "2026-11-27",
                        "urgent", false));
        day.awaitEntry(nursery.polishCarerToken(), announcement);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> toPatels = day.messagesAbout(Nursery.outbox(http, "EMAIL", patelEmail), "Pyjama");
            assertThat(toPatels).hasSize(1);
            assertThat(toPatels.get(0).get("language").asString()).isEqualTo("ur");
        });

        // Anna replies in the app and Tom marks the observation as seen (twice: it counts once).
        String reply = Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observation + "/replies",
                Map.of("text", "Robimy to też w kąpieli!"));
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/updates/{id}/acknowledgements", observation)
                    .headers(h -> h.setBearerAuth(nursery.englishCarerToken()))
                    .exchange().expectStatus().isNoContent();
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode entry = day.entry(nursery.englishCarerToken(), observation);
            assertThat(entry.get("replies")).hasSize(1);
            assertThat(entry.get("replies").get(0).get("channel").asString()).isEqualTo("APP");
            assertThat(entry.get("acknowledgedBy")).hasSize(1);
            assertThat(entry.get("acknowledgedBy").get(0).asString()).isEqualTo(nursery.englishCarerId());
            assertThat(day.inbox()).anySatisfy(item -> assertThat(item.get("replyId").asString()).isEqualTo(reply));
        });

        // The key person answers with feedback, then finds the observation was about another child.
        String feedback = Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/feedback",
                Map.of("text", "Lovely! Try 'full' and 'empty' too.", "inReplyTo", reply));
        day.awaitEntry(nursery.polishCarerToken(), feedback);
        http.post().uri("/api/updates/{id}/withdrawal", observation)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("reason", "Shared with the wrong family"))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(day.entryIds(nursery.polishCarerToken())).doesNotContain(observation).contains(feedback));
        http.post().uri("/api/updates/{id}/replies", observation)
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken()))
                .bodyValue(Map.of("text", "Too late?"))
                .exchange().expectStatus().isEqualTo(409);

        // A concern is recorded: it never reaches the family.
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/concerns",
                Map.of("text", "Bruise on the left forearm at drop-off.", "category", "INJURY"));

        // A court order: Tom is barred from Zofia. He sees none of her entries and hears nothing new.
        day.restrict(nursery.englishCarerId(), true);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(day.entryIds(nursery.englishCarerToken())).doesNotContain(feedback, meeting));
        int tomsEmailsBefore = Nursery.outbox(http, "EMAIL", nursery.englishCarerEmail()).size();
        String whileBarred = Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia climbed the frame.", "areas", List.of("PHYSICAL_DEVELOPMENT")));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(day.messagesAbout(Nursery.outbox(http, "SMS", nursery.polishCarerPhone()), "climbed the frame"))
                    .hasSize(1);
            assertThat(day.deliveryStatuses(whileBarred, nursery.englishCarerId())).containsExactly("SKIPPED");
        });
        assertThat(Nursery.outbox(http, "EMAIL", nursery.englishCarerEmail())).hasSize(tomsEmailsBefore);
        assertThat(day.entryIds(nursery.polishCarerToken())).contains(whileBarred);
        assertThat(day.entryIds(nursery.englishCarerToken())).doesNotContain(whileBarred);
        day.restrict(nursery.englishCarerId(), false);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(day.entryIds(nursery.englishCarerToken())).contains(whileBarred, feedback, meeting));

        // Anna now wants email in English; the next observation follows that.
        http.put().uri("/api/carers/{id}/preferences", nursery.polishCarerId())
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken()))
                .bodyValue(Map.of("preferredLanguage", "en", "channels", List.of("EMAIL")))
                .exchange().expectStatus().isNoContent();
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia sang the whole song.", "areas", List.of("EXPRESSIVE_ARTS_AND_DESIGN")));
        // An observation is no meeting: a meeting's call on its id finds nothing to move.
        String song = Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia clapped the rhythm.", "areas", List.of("EXPRESSIVE_ARTS_AND_DESIGN")));
        http.post().uri("/api/meetings/{id}/reschedule", song)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("startsAt", tomorrowMorning.toString(), "durationMinutes", 30))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("unknown-meeting");
        String annasEmail = nursery.polishCarerEmail();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> emails = day.messagesAbout(Nursery.outbox(http, "EMAIL", annasEmail), "whole song");
            assertThat(emails).hasSize(1);
            assertThat(emails.get(0).get("language").asString()).isEqualTo("en");
        });
        assertThat(day.messagesAbout(Nursery.outbox(http, "SMS", nursery.polishCarerPhone()), "whole song")).isEmpty();

        // Evening: the meeting is cancelled, and a cancelled meeting cannot be moved again.
        http.post().uri("/api/meetings/{id}/cancel", meeting)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("reason", "Kira is on a course tomorrow."))
                .exchange().expectStatus().is2xxSuccessful();
        http.post().uri("/api/meetings/{id}/reschedule", meeting)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("startsAt", tomorrowMorning.plus(2, ChronoUnit.DAYS).toString(), "durationMinutes", 30))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("meeting-cancelled");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(day.entry(nursery.polishCarerToken(), meeting).get("meeting").get("status").asString())
                    .isEqualTo("CANCELLED");
            assertThat(day.meetings().get(0).get("status").asString()).isEqualTo("CANCELLED");
        });
    }

    /** The calls and views the day is checked through. */
    private record Day(WebTestClient http, Nursery nursery) {

        String postWithKey(String path, String key, Object body) {
            return http.post().uri(path).headers(h -> {
                        h.setBearerAuth(nursery.keyPersonToken());
                        h.set("Idempotency-Key", key);
                    }).bodyValue(body)
                    .exchange().expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
        }

        void awaitEntry(String token, String updateId) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(entryIds(token)).contains(updateId));
        }

        List<String> entryIds(String token) {
            List<String> ids = new ArrayList<>();
            nursery.timeline(http, token).get("entries").forEach(entry -> ids.add(entry.get("id").asString()));
            return ids;
        }

        JsonNode entry(String token, String updateId) {
            for (JsonNode entry : nursery.timeline(http, token).get("entries")) {
                if (entry.get("id").asString().equals(updateId)) {
                    return entry;
                }
            }
            throw new AssertionError("no entry " + updateId + " in the timeline");
        }

        JsonNode meetings() {
            return http.get().uri("/api/settings/{id}/meetings", nursery.settingId())
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("meetings");
        }

        List<String> deliveryStatuses(String updateId, String carerId) {
            List<String> statuses = new ArrayList<>();
            http.get().uri("/api/updates/{id}/deliveries", updateId)
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("deliveries")
                    .forEach(row -> {
                        if (row.get("carerId").asString().equals(carerId)) {
                            statuses.add(row.get("status").asString());
                        }
                    });
            return statuses;
        }

        JsonNode inbox() {
            return http.get().uri("/api/staff/{id}/inbox", nursery.keyPersonId())
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("items");
        }

        void restrict(String carerId, boolean restricted) {
            http.put().uri("/api/children/{child}/carers/{carer}/restriction", nursery.childId(), carerId)
                    .headers(h -> h.setBearerAuth(nursery.managerToken()))
                    .bodyValue(Map.of("restricted", restricted, "reason", "Court order of 20 November"))
                    .exchange().expectStatus().isNoContent();
        }

        List<JsonNode> messagesAbout(JsonNode messages, String text) {
            List<JsonNode> found = new ArrayList<>();
            messages.forEach(message -> {
                if (message.path("body").asString("").contains(text)
                        || message.path("subject").asString("").contains(text)) {
                    found.add(message);
                }
            });
            return found;
        }
    }
}
