package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A carer's subject access request on the embedded default, through HTTP: her export holds her details, her
 * device, the SMS sent to her, her reply and her acknowledgement, read from the event store; never the other
 * carer's data, the child's concern or her restriction. She and a manager of her setting may ask, nobody else;
 * once her family is erased only the manager can, and the export shows what was erased.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/data-export-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class DataExportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate database;

    @Test
    void aCarersExportHoldsWhatIsHersAndNothingOfTheSafeguardingRecordOrTheOtherCarer() {
        WebTestClient http = http();
        Nursery nursery = Nursery.setUp(http);
        String anna = nursery.polishCarerId();
        http.post().uri("/api/carers/{id}/devices", anna).headers(h -> h.setBearerAuth(nursery.polishCarerToken()))
                .bodyValue(Map.of("token", "anna-device-token-1", "platform", "ANDROID"))
                .exchange().expectStatus().isCreated();
        String observationId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia sorted the shells by size.", "areas", List.of("MATHEMATICS")));
        String replyId = Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Zbieramy muszelki na plaży."));
        http.post().uri("/api/updates/{id}/acknowledgements", observationId)
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken())).exchange().expectStatus().isNoContent();
        Nursery.create(http, nursery.englishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Tom says well done."));
        Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/concerns",
                Map.of("text", "Bruise on her shin, mother unsure how", "category", "INJURY"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(sentBySms(export(http, anna,
                nursery.polishCarerToken()), observationId, nursery.polishCarerPhone())).isTrue());
        http.put().uri("/api/children/{child}/carers/{carer}/restriction", nursery.childId(), anna)
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("restricted", true, "reason", "Court order of 3 May, no contact"))
                .exchange().expectStatus().isNoContent();
        String laterId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia climbed the frame.", "areas", List.of("PHYSICAL_DEVELOPMENT")));
        await().atMost(PATIENCE).until(() -> database.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.NotificationSkipped'
                AND convert_from(payload, 'UTF8') LIKE ? AND convert_from(payload, 'UTF8') LIKE ?""", Long.class,
                "%" + anna + "%", "%" + laterId + "%") == 1);

        JsonNode export = export(http, anna, nursery.polishCarerToken());

        assertThat(export.get("carerId").asString()).isEqualTo(anna);
        assertThat(export.get("generatedAt").asString()).isNotBlank();
        JsonNode details = export.get("details");
        assertThat(details.get("name").asString()).isEqualTo("Anna Nowak");
        assertThat(details.get("relationship").asString()).isEqualTo("mother");
        assertThat(details.get("email").asString()).isEqualTo(nursery.polishCarerEmail());
        assertThat(details.get("phone").asString()).isEqualTo(nursery.polishCarerPhone());
        assertThat(details.get("preferredLanguage").asString()).isEqualTo("pl");
        assertThat(details.get("channels").toString()).isEqualTo("[\"SMS\",\"EMAIL\"]");
        assertThat(details.get("smsOptedOut").asBoolean()).isFalse();
        assertThat(export.get("devices").toString()).contains("anna-device-token-1").contains("ANDROID");
        assertThat(sentBySms(export, observationId, nursery.polishCarerPhone())).isTrue();
        assertThat(export.get("replies")).hasSize(1);
        assertThat(export.get("replies").get(0).get("replyId").asString()).isEqualTo(replyId);
        assertThat(export.get("replies").get(0).get("updateId").asString()).isEqualTo(observationId);
        assertThat(export.get("replies").get(0).get("text").asString()).isEqualTo("Zbieramy muszelki na plaży.");
        assertThat(export.get("replies").get(0).get("channel").asString()).isEqualTo("APP");
        assertThat(export.get("acknowledgements")).hasSize(1);
        assertThat(export.get("acknowledgements").get(0).get("updateId").asString()).isEqualTo(observationId);
        assertThat(export.toString())
                .doesNotContain(nursery.englishCarerId()).doesNotContain("Tom Nowak")
                .doesNotContain(nursery.englishCarerEmail()).doesNotContain("Tom says well done")
                .doesNotContain("Bruise on her shin").doesNotContain("Court order")
                .doesNotContain("restricted").doesNotContain(laterId);
    }

    @Test
    void onlyTheCarerHerselfAndAManagerOfHerSettingMayAskForHerExport() {
        WebTestClient http = http();
        Nursery nursery = Nursery.setUp(http);
        Nursery elsewhere = Nursery.setUp(http);
        String anna = nursery.polishCarerId();

        assertThat(export(http, anna, nursery.managerToken()).get("details").get("name").asString())
                .isEqualTo("Anna Nowak");
        for (String stranger : List.of(elsewhere.polishCarerToken(), nursery.englishCarerToken(),
                nursery.keyPersonToken(), elsewhere.managerToken())) {
            http.get().uri("/api/carers/{id}/data-export", anna).headers(h -> h.setBearerAuth(stranger))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Anna Nowak"));
        }
        http.get().uri("/api/carers/{id}/data-export", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anErasedCarersExportShowsWhatWasErasedAndOnlyAManagerMayStillAskForIt() {
        WebTestClient http = http();
        Nursery nursery = Nursery.setUp(http);
        String anna = nursery.polishCarerId();
        String observationId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia planted beans.", "areas", List.of("UNDERSTANDING_THE_WORLD")));
        Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Fasola rośnie w domu też."));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(sentBySms(export(http, anna,
                nursery.polishCarerToken()), observationId, nursery.polishCarerPhone())).isTrue());

        http.post().uri("/api/families/{id}/erasure", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.managerToken()))
                .bodyValue(Map.of("reason", "The family asked to be forgotten")).exchange().expectStatus().isOk();

        // her sign-in is gone; a token already handed out is refused once the subject cache (10 s at most) forgets her
        await().atMost(PATIENCE).until(() -> http.get().uri("/api/carers/{id}/data-export", anna)
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken())).exchange()
                .returnResult(String.class).getStatus().value() == HttpStatus.UNAUTHORIZED.value());
        JsonNode export = export(http, anna, nursery.managerToken());
        assertThat(export.get("details").get("name").asString()).isEqualTo("[erased]");
        assertThat(export.get("details").get("email").asString()).isEqualTo("[erased]");
        assertThat(export.get("details").get("phone").asString()).isEqualTo("[erased]");
        assertThat(export.get("replies").get(0).get("text").asString()).isEqualTo("[erased]");
        assertThat(export.get("notifications").toString()).contains(observationId).contains("[erased]");
        assertThat(export.toString()).doesNotContain("Anna Nowak").doesNotContain(nursery.polishCarerEmail())
                .doesNotContain(nursery.polishCarerPhone()).doesNotContain("Fasola");
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
    }

    private static JsonNode export(WebTestClient http, String carerId, String token) {
        return http.get().uri("/api/carers/{id}/data-export", carerId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isEqualTo(HttpStatus.OK)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Whether the export says an SMS about the update was sent to this number. */
    private static boolean sentBySms(JsonNode export, String updateId, String phone) {
        return export.get("notifications").valueStream().anyMatch(notification ->
                "SENT".equals(notification.path("status").asString())
                        && "SMS".equals(notification.path("channel").asString())
                        && updateId.equals(notification.path("updateId").asString())
                        && phone.equals(notification.path("address").asString()));
    }
}
