package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import dev.tandem.command.privacy.RetentionSweep;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Privacy on the embedded default, through HTTP, and a look inside its PostgreSQL as someone with the
 * database would look. After a nursery's day no name, contact detail, date of birth, observation, reply or
 * concern is in the event store in plain text, while the family's timeline, the SMS and the safeguarding
 * review read them as written. A family erased at its request is gone from every table, its carers can no
 * longer sign in, and the child's safeguarding record is kept, readable in the review, the chain verifying.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/privacy-test-data/${random.uuid}")
@ActiveProfiles("embedded")
@ExtendWith(OutputCaptureExtension.class)
class PrivacyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate database;

    @Autowired
    RetentionSweep sweep;

    @Test
    void nothingPersonalIsInTheEventStoreInPlainTextYetEveryReaderSeesItAsWritten(CapturedOutput log) {
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
        // the whole journey's log, the platform's and the stand-ins', names none of it (ids only)
        assertThat(log.getAll()).as("the journey is in the captured log").contains("Sent update " + observationId);
        for (String value : personal) {
            assertThat(log.getAll()).as("the log holding '" + value + "'").doesNotContain(value);
        }
    }

    @Test
    void anErasedFamilyIsGoneFromEveryTableWhileTheChildsSafeguardingRecordIsKept() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(PATIENCE).build();
        Nursery nursery = Nursery.setUp(http);
        String observationId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia painted a purple sunflower.", "areas", List.of("EXPRESSIVE_ARTS_AND_DESIGN")));
        Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Piękny słonecznik!"));
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/concerns",
                Map.of("text", "Said she is often left alone at home", "category", "DISCLOSURE"));
        await().atMost(PATIENCE).until(() -> database.queryForObject(
                "SELECT count(*) FROM notifier_delivery WHERE family_id = ? AND status = 'SENT'", Long.class,
                nursery.familyId()) >= 2);

        http.post().uri("/api/families/{id}/erasure", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("reason", "Asked")).exchange().expectStatus().isForbidden();
        JsonNode answer = http.post().uri("/api/families/{id}/erasure", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("reason", "The family asked to be forgotten")).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(answer.get("erased").toString()).contains(nursery.familyId(), nursery.polishCarerId(),
                nursery.englishCarerId());
        assertThat(answer.get("retained")).hasSize(1);
        assertThat(answer.get("retained").get(0).get("childId").asString()).isEqualTo(nursery.childId());
        assertThat(answer.get("retained").get(0).get("until").asString()).isEqualTo("2048-03-14");
        assertThat(answer.get("retained").get(0).get("rule").asString()).isEqualTo("safeguardingUntilAge");
        http.post().uri("/api/auth/login").bodyValue(Map.of("username", nursery.polishCarerEmail(),
                "password", "carer-pass-1")).exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
        http.post().uri("/api/families/{id}/erasure", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("reason", "Again")).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);

        List<String> personal = List.of(nursery.polishCarerEmail(), nursery.englishCarerEmail(),
                nursery.polishCarerPhone(), "purple sunflower", "Piękny słonecznik");
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String value : personal) {
                assertThat(tablesHolding(value, "")).as("tables holding '" + value + "' after the erasure").isEmpty();
            }
            // names are not unique to this test's family: rows of this family only
            for (String name : List.of("Anna Nowak", "Tom Nowak", "Zofia Nowak")) {
                assertThat(tablesHolding(name, nursery.familyId())).as("tables holding '" + name + "' of the family")
                        .isEmpty();
                assertThat(tablesHolding(name, nursery.polishCarerId())).as("tables holding '" + name + "' of the carer")
                        .isEmpty();
            }
        });

        JsonNode history = http.get().uri("/api/children/{id}/history", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Case review after the family left");
                })
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(history.get("integrity").get("verified").asBoolean()).isTrue();
        assertThat(history.toString()).contains("Said she is often left alone at home")
                .contains("Zofia painted a purple sunflower.");
    }

    @Test
    void theSweepErasesAFamilyWhoseChildrenLeftLongAgoAndASafeguardingRecordPastItsAge() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(PATIENCE).build();
        Nursery nursery = Nursery.setUp(http);
        String olderChild = Nursery.create(http, nursery.managerToken(), "/api/settings/" + nursery.settingId() + "/children",
                Map.of("name", "Ola Nowak", "dateOfBirth", "2005-06-01", "familyId", nursery.familyId(),
                        "roomId", nursery.roomId(), "keyPersonId", nursery.keyPersonId()));
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + olderChild + "/concerns",
                Map.of("text", "Arrived hungry three days running", "category", "NEGLECT"));
        http.put().uri("/api/settings/{id}/retention", nursery.settingId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("recordsYearsAfterLeaving", 1, "safeguardingUntilAge", 18)).exchange()
                .expectStatus().isForbidden();
        http.put().uri("/api/settings/{id}/retention", nursery.settingId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("recordsYearsAfterLeaving", 1, "safeguardingUntilAge", 12)).exchange()
                .expectStatus().isBadRequest();
        http.put().uri("/api/settings/{id}/retention", nursery.settingId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("recordsYearsAfterLeaving", 1, "safeguardingUntilAge", 18)).exchange()
                .expectStatus().isNoContent();
        String twoYearsAgo = LocalDate.now().minusYears(2).toString();
        http.post().uri("/api/children/{id}/leaving", nursery.childId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("leftOn", twoYearsAgo)).exchange().expectStatus().isNoContent();
        assertThat(sweep.run()).as("nothing is due while one child still attends").isZero();
        http.post().uri("/api/children/{id}/leaving", olderChild)
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("leftOn", twoYearsAgo)).exchange().expectStatus().isNoContent();

        assertThat(sweep.run()).isEqualTo(2);

        assertThat(sweep.run()).as("a second sweep finds nothing more").isZero();
        assertThat(database.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?"
                + " AND aggregateidentifier = ?", Long.class, "dev.tandem.api.family.FamilyErased", nursery.familyId()))
                .isOne();
        assertThat(database.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?"
                + " AND aggregateidentifier = ?", Long.class, "dev.tandem.api.child.SafeguardingRecordErased",
                olderChild)).isOne();
        http.post().uri("/api/auth/login").bodyValue(Map.of("username", nursery.polishCarerEmail(),
                "password", "carer-pass-1")).exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
        JsonNode history = http.get().uri("/api/children/{id}/history", olderChild)
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "After the retention ended");
                })
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(history.get("integrity").get("verified").asBoolean()).isTrue();
        assertThat(history.toString()).doesNotContain("Arrived hungry").contains("[erased]");
    }

    /** Every table of the public schema with a row that, as text, holds {@code value} and {@code alongside}. */
    private List<String> tablesHolding(String value, String alongside) {
        List<String> tables = database.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""", String.class);
        return tables.stream()
                .filter(table -> database.queryForObject("SELECT count(*) FROM \"" + table + "\" t"
                        + " WHERE t::text LIKE ? AND t::text LIKE ?", Long.class, "%" + value + "%",
                        "%" + alongside + "%") > 0)
                .toList();
    }
}
