package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A safeguarding review on the embedded default, through HTTP: a DSL reads a child's whole record straight
 * from the event store, as it stands or as it stood, every reading recorded; a row edited, removed or
 * inserted in PostgreSQL behind the platform's back shows at the next review, at the event it touched,
 * while another child's record still verifies; exports say what they are; concerns are worked as a DSL
 * works them; everyone else is refused and nothing is recorded for them.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/safeguarding-review-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class SafeguardingReviewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate database;

    private WebTestClient http;
    private Nursery nursery;
    private String observationId;
    private String concernId;

    @BeforeEach
    void aChildWithARecord() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        nursery = Nursery.setUp(http);
        observationId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", "Zofia counted six blocks aloud.", "areas", List.of("MATHEMATICS")));
        Nursery.create(http, nursery.polishCarerToken(), "/api/updates/" + observationId + "/replies",
                Map.of("text", "Dziękuję! Zofia była bardzo dumna."));
        concernId = Nursery.create(http, nursery.keyPersonToken(), "/api/children/" + nursery.childId() + "/concerns",
                Map.of("text", "Bruise on the left forearm, about 3 cm", "category", "INJURY"));
        // the notifier's outcomes (the observation's messages, the DSL's alert) are part of the record too
        await().atMost(PATIENCE).until(() -> countAbout("NotificationSent", nursery.childId()) >= 2
                && countAbout("SafeguardingLeadAlerted", nursery.childId()) >= 1);
    }

    @Test
    void aDslReadsEveryEventAboutTheChildOldestFirstVerifiedAndTheirReadingIsTheLastEvent() {
        JsonNode history = history(nursery.managerToken(), "", "Strategy meeting on Friday");

        List<String> types = types(history);
        assertThat(types).containsSubsequence("ChildRegistered", "ObservationShared", "ParentReplied",
                "ConcernRecorded", "SafeguardingHistoryViewed");
        assertThat(types).contains("NotificationSent", "SafeguardingLeadAlerted");
        assertThat(sequences(history)).isSorted().doesNotHaveDuplicates();
        assertThat(history.get("integrity").get("verified").asBoolean()).isTrue();
        assertThat(history.get("integrity").get("brokenAt").isNull()).isTrue();
        assertThat(history.get("integrity").get("eventCount").asInt()).isEqualTo(history.get("events").size());
        assertThat(history.get("integrity").get("headHash").asString()).hasSize(64);

        JsonNode viewing = last(history);
        assertThat(viewing.get("type").asString()).isEqualTo("SafeguardingHistoryViewed");
        assertThat(viewing.get("payload").get("reason").asString()).isEqualTo("Strategy meeting on Friday");
        assertThat(viewing.get("actor").get("role").asString()).isEqualTo("DSL");
        JsonNode concern = eventOf(history, "ConcernRecorded");
        assertThat(concern.get("payload").get("text").asString()).isEqualTo("Bruise on the left forearm, about 3 cm");
        assertThat(concern.get("actor").get("id").asString()).isEqualTo(nursery.keyPersonId());
        assertThat(concern.get("actor").get("role").asString()).isEqualTo("KEY_PERSON");
        assertThat(eventOf(history, "ParentReplied").get("actor").get("role").asString()).isEqualTo("CARER");
        assertThat(eventOf(history, "NotificationSent").get("actor").get("role").asString()).isEqualTo("SYSTEM");

        // the next review sees the first one
        assertThat(types(history(nursery.managerToken(), "", "Second look")).stream()
                .filter("SafeguardingHistoryViewed"::equals)).hasSize(2);
    }

    @Test
    void aWithdrawnUpdateKeepsItsOriginalTextInTheRecord() {
        http.post().uri("/api/updates/{id}/withdrawal", observationId).headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("reason", "Shared with the wrong family")).exchange().expectStatus().isOk();

        JsonNode history = history(nursery.managerToken(), "", "Review");

        assertThat(types(history)).containsSubsequence("ObservationShared", "UpdateWithdrawn");
        assertThat(eventOf(history, "ObservationShared").get("payload").get("text").asString())
                .isEqualTo("Zofia counted six blocks aloud.");
    }

    @Test
    void asOfShowsTheRecordAsItStoodThenWithNothingStoredLater() {
        Instant between = Instant.parse(eventOf(history(nursery.managerToken(), "", "Before"), "ConcernRecorded")
                .get("occurredAt").asString());
        actOnConcern(nursery.managerToken(), "NOTED", "Spoke to mother at pick-up").expectStatus().isCreated();

        JsonNode asItStood = history(nursery.managerToken(), "?asOf=" + between, "As it stood");

        assertThat(types(asItStood)).contains("ConcernRecorded").doesNotContain("ConcernActionRecorded",
                "SafeguardingHistoryViewed");
        asItStood.get("events").forEach(event ->
                assertThat(Instant.parse(event.get("occurredAt").asString())).isBeforeOrEqualTo(between));
        assertThat(asItStood.get("integrity").get("verified").asBoolean()).isTrue();
        assertThat(types(history(nursery.managerToken(), "", "Now"))).contains("ConcernActionRecorded");
        JsonNode fromTo = history(nursery.managerToken(), "?from=" + between + "&to=" + between, "One moment");
        assertThat(types(fromTo)).containsExactly("ConcernRecorded");
    }

    @Test
    void aPayloadRewrittenInTheDatabaseBreaksTheChainAtThatEventOnly() {
        String otherChild = Nursery.create(http, nursery.managerToken(), "/api/settings/" + nursery.settingId() + "/children",
                Map.of("name", "Adam Nowak", "dateOfBirth", "2024-01-02", "familyId", nursery.familyId(),
                        "roomId", nursery.roomId(), "keyPersonId", nursery.keyPersonId()));
        long concern = sequenceOf(history(nursery.managerToken(), "", "Before the edit"), "ConcernRecorded");

        // the text is stored encrypted: someone with the database writes a plain one over it
        database.update("UPDATE domainevententry SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb,"
                + " '{text}', to_jsonb('Nothing of note, about 3 cm'::text))::text, 'UTF8') WHERE globalindex = ?", concern);

        JsonNode history = history(nursery.managerToken(), "", "After the edit");
        assertThat(history.get("integrity").get("verified").asBoolean()).isFalse();
        assertThat(history.get("integrity").get("brokenAt").asLong()).isEqualTo(concern);
        assertThat(eventOf(history, "ConcernRecorded").get("payload").get("text").asString())
                .isEqualTo("Nothing of note, about 3 cm");
        assertThat(historyAt("/api/children/" + otherChild + "/history", nursery.managerToken(), "Other child")
                .get("integrity").get("verified").asBoolean()).isTrue();
    }

    @Test
    void aDeletedRowBreaksTheChainWhereItStood() {
        long reply = sequenceOf(history(nursery.managerToken(), "", "Before"), "ParentReplied");

        database.update("DELETE FROM domainevententry WHERE globalindex = ?", reply);

        JsonNode history = history(nursery.managerToken(), "", "After the deletion");
        assertThat(history.get("integrity").get("verified").asBoolean()).isFalse();
        assertThat(history.get("integrity").get("brokenAt").asLong()).isEqualTo(reply);
        assertThat(types(history)).doesNotContain("ParentReplied");
    }

    @Test
    void anInsertedRowIsShownAndBreaksTheChainWhereItWasInserted() {
        database.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                SELECT aggregateidentifier, 1000, type, gen_random_uuid()::text, metadata, payload, payloadrevision,
                    payloadtype, timestamp
                FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0""", nursery.childId());
        long inserted = database.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1000",
                Long.class, nursery.childId());

        JsonNode history = history(nursery.managerToken(), "", "After the insertion");
        assertThat(history.get("integrity").get("verified").asBoolean()).isFalse();
        assertThat(history.get("integrity").get("brokenAt").asLong()).isEqualTo(inserted);
        assertThat(sequences(history)).contains(inserted);
    }

    @Test
    void anExportSaysWhatItIsAndIsRecordedFirst() throws IOException {
        byte[] pdf = http.get().uri("/api/children/{id}/history/export?format=pdf", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Referral to children's social care");
                })
                .exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, value -> assertThat(value).startsWith("attachment"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Zofia Nowak", "Maya Manager", "Referral to children's social care", "Verified",
                    "Bruise on the left forearm, about 3 cm", "Dziękuję! Zofia była bardzo dumna.");
            // the export itself is the record's last event (a narrow column may wrap its name)
            assertThat(text.replaceAll("\\s+", "")).contains("SafeguardingHistoryExported");
        }

        JsonNode json = http.get().uri("/api/children/{id}/history/export?format=json", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Case conference");
                })
                .exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, value -> assertThat(value).startsWith("attachment"))
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(json.get("child").get("name").asString()).isEqualTo("Zofia Nowak");
        assertThat(json.get("setting").get("name").asString()).startsWith("Little Acorns");
        assertThat(json.get("exportedBy").get("id").asString()).isNotBlank();
        assertThat(json.get("reason").asString()).isEqualTo("Case conference");
        assertThat(json.get("integrity").get("verified").asBoolean()).isTrue();
        assertThat(last(json).get("type").asString()).isEqualTo("SafeguardingHistoryExported");
        assertThat(last(json).get("payload").get("format").asString()).isEqualTo("json");
    }

    @Test
    void theDslsAreEmailedOfANewConcernWithoutTheChildOrTheText() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Nursery.outbox(http, "EMAIL", nursery.managerEmail()))
                .anySatisfy(message -> assertThat(message.get("body").asString()).contains("http")
                        .doesNotContain("Zofia", "Bruise")));
        assertThat(Nursery.outbox(http, "EMAIL", nursery.englishCarerEmail()).toString()).doesNotContain("concern");
    }

    @Test
    void aDslWorksAConcernUntilItIsClosedAndOnlyReopeningFollows() {
        actOnConcern(nursery.managerToken(), "REFERRED", "Referred to the local authority").expectStatus().isCreated();
        actOnConcern(nursery.managerToken(), "CLOSED", "No further action").expectStatus().isCreated();
        actOnConcern(nursery.managerToken(), "MONITORING", null).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        actOnConcern(nursery.keyPersonToken(), "REOPENED", null).expectStatus().isForbidden();
        actOnConcern(nursery.managerToken(), "SHRUGGED", null).expectStatus().isBadRequest();
        actOnConcern(nursery.managerToken(), "REOPENED", "New information").expectStatus().isCreated();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode concerns = http.get().uri("/api/settings/{id}/concerns?status=OPEN", nursery.settingId())
                    .headers(h -> h.setBearerAuth(nursery.managerToken())).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("concerns");
            assertThat(concerns).hasSize(1);
            assertThat(concerns.get(0).get("actions")).extracting(action -> action.get("action").asString())
                    .containsExactly("REFERRED", "CLOSED", "REOPENED");
        });
        assertThat(types(history(nursery.managerToken(), "", "Review"))).containsSubsequence("ConcernRecorded",
                "ConcernActionRecorded", "ConcernActionRecorded", "ConcernActionRecorded");
    }

    @Test
    void everyoneButTheSettingsDslsAndManagersIsRefusedAndNothingIsRecordedForThem() {
        Nursery other = Nursery.setUp(http);
        long viewingsBefore = count("SafeguardingHistoryViewed");
        long exportsBefore = count("SafeguardingHistoryExported");

        refused(null, "Curious", status -> status.isUnauthorized());
        refused(nursery.keyPersonToken(), "Curious", status -> status.isForbidden());
        refused(nursery.polishCarerToken(), "Curious", status -> status.isForbidden());
        refused(other.managerToken(), "Curious", status -> status.isForbidden());
        refused(nursery.managerToken(), null, status -> status.isBadRequest());
        http.get().uri("/api/children/{id}/history?asOf=yesterday", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Review");
                })
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).value(problem -> assertThat(problem.get("errors").get(0).get("field")
                        .asString()).isEqualTo("asOf"));
        http.get().uri("/api/children/{id}/history", UUID.randomUUID().toString())
                .headers(h -> {
                    h.setBearerAuth(nursery.managerToken());
                    h.set("X-Review-Reason", "Review");
                })
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/children/{id}/history/export?format=pdf", nursery.childId())
                .headers(h -> {
                    h.setBearerAuth(other.managerToken());
                    h.set("X-Review-Reason", "Curious");
                })
                .exchange().expectStatus().isForbidden();

        assertThat(count("SafeguardingHistoryViewed")).isEqualTo(viewingsBefore);
        assertThat(count("SafeguardingHistoryExported")).isEqualTo(exportsBefore);
    }

    private void refused(String token, String reason, Consumer<StatusAssertions> status) {
        var response = http.get().uri("/api/children/{id}/history", nursery.childId())
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    if (reason != null) {
                        h.set("X-Review-Reason", reason);
                    }
                })
                .exchange();
        status.accept(response.expectStatus());
        response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec actOnConcern(String token, String action, String note) {
        Map<String, Object> body = note == null ? Map.of("action", action) : Map.of("action", action, "note", note);
        return http.post().uri("/api/concerns/{id}/actions", concernId).headers(h -> h.setBearerAuth(token))
                .bodyValue(body).exchange();
    }

    private JsonNode history(String token, String query, String reason) {
        return historyAt("/api/children/" + nursery.childId() + "/history" + query, token, reason);
    }

    private JsonNode historyAt(String path, String token, String reason) {
        return http.get().uri(path)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Review-Reason", reason);
                })
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private long count(String type) {
        return database.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?", Long.class,
                "%." + type);
    }

    private long countAbout(String type, String childId) {
        return database.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%." + type, "%" + childId + "%");
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.get("events").forEach(event -> types.add(event.get("type").asString()));
        return types;
    }

    private static List<Long> sequences(JsonNode history) {
        List<Long> sequences = new ArrayList<>();
        history.get("events").forEach(event -> sequences.add(event.get("sequence").asLong()));
        return sequences;
    }

    private static JsonNode eventOf(JsonNode history, String type) {
        for (JsonNode event : history.get("events")) {
            if (event.get("type").asString().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in the history");
    }

    private static long sequenceOf(JsonNode history, String type) {
        return eventOf(history, type).get("sequence").asLong();
    }

    private static JsonNode last(JsonNode history) {
        return history.get("events").get(history.get("events").size() - 1);
    }
}
