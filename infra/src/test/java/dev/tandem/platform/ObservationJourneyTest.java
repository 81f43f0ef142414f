package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The walking skeleton end to end, in one process on the embedded default: a key person shares an
 * observation, the family timeline shows it, each carer is told in their language on their channel
 * through the real provider SDKs (seen in the sandbox outbox), a parent replies by SMS, and the reply
 * is threaded in the timeline and lands in the key person's inbox.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/journey-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class ObservationJourneyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private WebTestClient http;
    private Nursery nursery;

    @BeforeEach
    void setUp() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        nursery = Nursery.setUp(http);
    }

    @Test
    void anObservationReachesEveryCarerAndASmsReplyComesBack() {
        await().atMost(PATIENCE).untilAsserted(() -> http.get().uri("/api/staff/{id}/children", nursery.keyPersonId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.children[0].id").isEqualTo(nursery.childId())
                .jsonPath("$.children[0].name").isEqualTo("Zofia Nowak"));

        String updateId = http.post().uri("/api/children/{id}/observations", nursery.childId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("text", "Zofia built a tower of six blocks and counted them aloud.",
                        "areas", List.of("MATHEMATICS", "PHYSICAL_DEVELOPMENT"),
                        "nextSteps", "Count objects beyond ten."))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().exists("Location")
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode entries = timeline(nursery.polishCarerToken()).get("entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("id").asString()).isEqualTo(updateId);
            assertThat(entries.get(0).get("childName").asString()).isEqualTo("Zofia Nowak");
            assertThat(entries.get(0).get("author").get("name").asString()).isEqualTo("Kira Key");
        });

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode sms = outbox("SMS", nursery.polishCarerPhone());
            assertThat(sms).hasSize(1);
            assertThat(sms.get(0).get("language").asString()).isEqualTo("pl");
            // what Kira wrote reaches Anna machine-translated (the sandbox's DeepL marks it [pl]), Tom as written
            assertThat(sms.get(0).get("body").asString()).contains("Zofia").contains("[pl] Zofia built a tower");
            JsonNode email = outbox("EMAIL", nursery.englishCarerEmail());
            assertThat(email).hasSize(1);
            assertThat(email.get(0).get("language").asString()).isEqualTo("en");
            assertThat(email.get(0).get("body").asString()).contains("Zofia built a tower").doesNotContain("[pl]");
        });

        // Anna reads the entry in Polish with the original beside it; Kira reads what she wrote.
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode entry = timeline(nursery.polishCarerToken()).get("entries").get(0);
            assertThat(entry.get("translated").asBoolean()).isTrue();
            assertThat(entry.get("text").asString()).startsWith("[pl] Zofia built a tower");
            assertThat(entry.get("nextSteps").asString()).isEqualTo("[pl] Count objects beyond ten.");
            assertThat(entry.get("originalText").asString()).isEqualTo("Zofia built a tower of six blocks and counted them aloud.");
            assertThat(entry.get("originalLanguage").asString()).isEqualTo("en");
        });
        JsonNode asWritten = timeline(nursery.keyPersonToken()).get("entries").get(0);
        assertThat(asWritten.get("translated").asBoolean()).isFalse();
        assertThat(asWritten.get("text").asString()).isEqualTo("Zofia built a tower of six blocks and counted them aloud.");

        // Anna answers the SMS from her phone; Twilio calls the webhook, signed with the auth token.
        Map<String, String> form = Map.of("From", nursery.polishCarerPhone(), "To", "+447700900000",
                "Body", "Dziękuję! She loves counting at home too.", "MessageSid", "SM" + "0".repeat(31) + "1");
        inboundSms(form, signature("http://localhost:8080/webhooks/twilio/sms", form))
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode replies = timeline(nursery.polishCarerToken()).get("entries").get(0).get("replies");
            assertThat(replies).hasSize(1);
            assertThat(replies.get(0).get("channel").asString()).isEqualTo("SMS");
            assertThat(replies.get(0).get("carerId").asString()).isEqualTo(nursery.polishCarerId());
            JsonNode inbox = http.get().uri("/api/staff/{id}/inbox", nursery.keyPersonId())
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("items");
            assertThat(inbox).hasSize(1);
            assertThat(inbox.get(0).get("updateId").asString()).isEqualTo(updateId);
            assertThat(inbox.get(0).get("text").asString()).startsWith("Dziękuję!");
        });

        // the sandbox's Twilio reports "sent" then "delivered" by itself a moment later
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveryStatus(updateId, "SMS")).isIn("SENT", "DELIVERED"));

        // Twilio reports the SMS delivered, then a late "sent" arrives: statuses only move forward.
        String sid = outbox("SMS", nursery.polishCarerPhone()).get(0).get("providerId").asString();
        Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered");
        statusCallback(delivered, signature("http://localhost:8080/webhooks/twilio/status", delivered))
                .expectStatus().isNoContent();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveryStatus(updateId, "SMS")).isEqualTo("DELIVERED"));
        Map<String, String> lateSent = Map.of("MessageSid", sid, "MessageStatus", "sent");
        statusCallback(lateSent, signature("http://localhost:8080/webhooks/twilio/status", lateSent))
                .expectStatus().isNoContent();
        statusCallback(Map.of("MessageSid", sid, "MessageStatus", "failed"), "forged").expectStatus().isForbidden();
        // Deliveries are projected in event order: once a later update's delivery shows, anything the late
        // "sent" or the forged "failed" could have caused would show too.
        String laterUpdateId = share("Zofia painted a rainbow.");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveryStatus(laterUpdateId, "SMS"))
                .isIn("SENT", "DELIVERED"));
        assertThat(deliveryStatus(updateId, "SMS")).isEqualTo("DELIVERED");
        assertThat(deliveryStatus(updateId, "EMAIL")).isEqualTo("SENT");
    }

    private String share(String text) {
        return http.post().uri("/api/children/{id}/observations", nursery.childId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .bodyValue(Map.of("text", text, "areas", List.of("EXPRESSIVE_ARTS_AND_DESIGN")))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
    }

    private String deliveryStatus(String updateId, String channel) {
        JsonNode deliveries = http.get().uri("/api/updates/{id}/deliveries", updateId)
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("deliveries");
        for (JsonNode delivery : deliveries) {
            if (channel.equals(delivery.path("channel").asString(null))) {
                return delivery.get("status").asString();
            }
        }
        return null;
    }

    private WebTestClient.ResponseSpec statusCallback(Map<String, String> fields, String signature) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return http.post().uri("/webhooks/twilio/status")
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedAndRecordsNothing() {
        Map<String, String> form = Map.of("From", nursery.polishCarerPhone(), "To", "+447700900000",
                "Body", "Forged", "MessageSid", "SM" + "0".repeat(31) + "2");
        inboundSms(form, signature("http://localhost:8080/webhooks/twilio/sms", Map.of("Body", "something else")))
                .expectStatus().isForbidden();
        inboundSms(form, null).expectStatus().isForbidden();

        http.get().uri("/api/staff/{id}/inbox", nursery.keyPersonId())
                .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();
    }

    @Test
    void aCarerCannotReadAnotherFamilysTimelineNorShare() {
        Nursery other = Nursery.setUp(http);
        http.get().uri("/api/families/{id}/timeline", nursery.familyId())
                .headers(h -> h.setBearerAuth(other.polishCarerToken()))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/children/{id}/observations", nursery.childId())
                .headers(h -> h.setBearerAuth(other.keyPersonToken()))
                .bodyValue(Map.of("text", "Not my key child", "areas", List.of("LITERACY")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        http.get().uri("/api/families/{id}/timeline", nursery.familyId())
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthSaysUpOnceThePlatformTakesCommands() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        http.post().uri("/api/auth/login").bodyValue(Map.of("username", "admin", "password", "not-the-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBadFamilyIsRefusedNamingEveryBadFieldAndStoresNothing() {
        String manager = Nursery.signIn(http, nursery.managerEmail(), "manager-pass-1");
        http.post().uri("/api/settings/{id}/families", nursery.settingId())
                .headers(h -> h.setBearerAuth(manager))
                .bodyValue(Map.of("name", "", "carers", List.of(Map.of("name", "Ola", "email", "not-an-email",
                        "phone", "07700 900123", "password", "short", "preferredLanguage", "xx",
                        "channels", List.of("PIGEON")))))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields).contains("name",
                        "carers[0].email", "carers[0].phone", "carers[0].password", "carers[0].preferredLanguage",
                        "carers[0].channels[0]"))
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aRefusedRegistrationLeavesNoCarerBehind() {
        String manager = Nursery.signIn(http, nursery.managerEmail(), "manager-pass-1");
        String newcomer = "newcomer-" + System.nanoTime() + "@example.com";
        // The second carer's email is taken, so the whole family is refused: the first carer must not be able to sign in.
        http.post().uri("/api/settings/{id}/families", nursery.settingId())
                .headers(h -> h.setBearerAuth(manager))
                .bodyValue(Map.of("name", "Kowalski", "carers", List.of(
                        Map.of("name", "Ewa", "email", newcomer, "password", "carer-pass-1"),
                        Map.of("name", "Jan", "email", nursery.englishCarerEmail(), "password", "carer-pass-1"))))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("email-taken");
        http.post().uri("/api/auth/login").bodyValue(Map.of("username", newcomer, "password", "carer-pass-1"))
                .exchange().expectStatus().isUnauthorized();
    }

    private JsonNode timeline(String token) {
        return nursery.timeline(http, token);
    }

    private JsonNode outbox(String channel, String to) {
        return Nursery.outbox(http, channel, to);
    }

    private WebTestClient.ResponseSpec inboundSms(Map<String, String> fields, String signature) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return http.post().uri("/webhooks/twilio/sms")
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Twilio-Signature", signature);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    /** Twilio's documented scheme: HMAC-SHA1 of the URL followed by each sorted field name and value, base64. */
    static String signature(String url, Map<String, String> fields) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("sandbox-twilio-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
