package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A nursery's day on the embedded default, then a look inside its PostgreSQL as someone with the database
 * would look: no name, contact detail, date of birth, observation, reply or concern is in the event store
 * in plain text, while the family's timeline, the SMS and the safeguarding review read them as written.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/personal-data-at-rest-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class PersonalDataAtRestTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate database;

    @Test
    void nothingPersonalIsInTheEventStoreInPlainTextYetEveryReaderSeesItAsWritten() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(PATIENCE).build();
        Nursery nursery = Nursery.setUp(http);
        String observationId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia built a tower of seven blocks.", "areas", List.of("MATHEMATICS"),
                        "nextSteps", "Count the blocks together."));
        Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Dziękujemy, w domu też liczy."));
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/concerns",
                Map.of("text", "Came in with a graze on her chin", "category", "INJURY"));
        await().atMost(PATIENCE).until(() -> database.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.NotificationSent'", Long.class) >= 2);

        List<String> personal = List.of(nursery.polishCarerEmail(), nursery.englishCarerEmail(),
                nursery.polishCarerPhone(), nursery.managerEmail(), "Anna Nowak", "Tom Nowak", "Zofia Nowak",
                "Kira Key", "2023-03-14", "tower of seven blocks", "Count the blocks", "w domu też liczy",
                "graze on her chin");
        for (String value : personal) {
            assertThat(database.queryForObject("""
                    SELECT count(*) FROM domainevententry
                    WHERE convert_from(payload, 'UTF8') LIKE ? OR convert_from(metadata, 'UTF8') LIKE ?""",
                    Long.class, "%" + value + "%", "%" + value + "%"))
                    .as("events holding '" + value + "' in plain text").isZero();
        }
        assertThat(database.queryForObject("SELECT count(*) FROM privacy_subject_key WHERE keyset IS NOT NULL",
                Long.class)).isGreaterThanOrEqualTo(5);

        JsonNode timeline = http.get().uri("/api/families/{id}/timeline", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken())).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(timeline.toString()).contains("Zofia built a tower of seven blocks.")
                .contains("Dziękujemy, w domu też liczy.");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get()
                .uri("/sandbox/outbox?to={to}&channel=SMS", nursery.polishCarerPhone()).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains("tower of seven blocks"));
        JsonNode history = http.get().uri("/api/children/{id}/history", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Looking at what is kept");
                })
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(history.toString()).contains("Came in with a graze on her chin").contains("Zofia Nowak");
    }
}
