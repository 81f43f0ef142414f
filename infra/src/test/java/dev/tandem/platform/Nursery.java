package dev.tandem.platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A small nursery set up through the public API, as an operator and a manager would: a setting, a
 * manager (also the DSL), a key person, a room, the Nowak family (Anna prefers Polish and SMS, Tom
 * English and email) and their daughter Zofia. Every call goes through HTTP with the tokens sign-in hands out.
 */
record Nursery(String settingId, String keyPersonId, String keyPersonToken, String familyId, String polishCarerId,
               String polishCarerToken, String polishCarerPhone, String englishCarerEmail, String childId,
               String managerEmail, String managerToken, String roomId, String englishCarerId,
               String englishCarerToken, String polishCarerEmail) {

    /** Numbers from Ofcom's drama range, one per nursery set up in this JVM, so SMS replies find one carer. */
    private static final AtomicInteger PHONES = new AtomicInteger(100);

    static Nursery setUp(WebTestClient http) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = signIn(http, "admin", "admin");
        String settingId = create(http, admin, "/api/settings",
                Map.of("name", "Little Acorns " + unique, "timeZone", "Europe/London", "defaultLanguage", "en"));
        create(http, admin, "/api/settings/" + settingId + "/staff", Map.of("name", "Maya Manager",
                "email", "maya-" + unique + "@acorns.example", "password", "manager-pass-1",
                "roles", List.of("MANAGER", "DSL")));
        String manager = signIn(http, "maya-" + unique + "@acorns.example", "manager-pass-1");
        String keyPersonId = create(http, manager, "/api/settings/" + settingId + "/staff", Map.of("name", "Kira Key",
                "email", "kira-" + unique + "@acorns.example", "password", "keyperson-pass-1",
                "roles", List.of("KEY_PERSON")));
        String roomId = create(http, manager, "/api/settings/" + settingId + "/rooms", Map.of("name", "Caterpillars"));
        String phone = "+447700900" + PHONES.getAndIncrement();
        String tomEmail = "tom-" + unique + "@example.com";
        JsonNode family = post(http, manager, "/api/settings/" + settingId + "/families", Map.of("name", "Nowak",
                "carers", List.of(
                        Map.of("name", "Anna Nowak", "relationship", "mother", "email", "anna-" + unique + "@example.com",
                                "phone", phone,
                                "password", "carer-pass-1", "preferredLanguage", "pl", "channels", List.of("SMS", "EMAIL")),
                        Map.of("name", "Tom Nowak", "relationship", "father",
                                "email", tomEmail,
                                "password", "carer-pass-2", "preferredLanguage", "en", "channels", List.of("EMAIL")))));
        String familyId = family.get("id").asString();
        String childId = create(http, manager, "/api/settings/" + settingId + "/children", Map.of("name", "Zofia Nowak",
                "dateOfBirth", "2023-03-14", "familyId", familyId, "roomId", roomId, "keyPersonId", keyPersonId));
        return new Nursery(settingId, keyPersonId, signIn(http, "kira-" + unique + "@acorns.example", "keyperson-pass-1"),
                familyId, family.get("carerIds").get(0).asString(),
                signIn(http, "anna-" + unique + "@example.com", "carer-pass-1"), phone, tomEmail, childId,
                "maya-" + unique + "@acorns.example", manager, roomId, family.get("carerIds").get(1).asString(),
                signIn(http, tomEmail, "carer-pass-2"), "anna-" + unique + "@example.com");
    }

    static String create(WebTestClient http, String token, String path, Object body) {
        return post(http, token, path, body).get("id").asString();
    }

    static JsonNode post(WebTestClient http, String token, String path, Object body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token)).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String signIn(WebTestClient http, String username, String password) {
        return http.post().uri("/api/auth/login").bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("accessToken").asString();
    }

    /** A family's timeline as the holder of the token sees it. */
    JsonNode timeline(WebTestClient http, String token) {
        return http.get().uri("/api/families/{id}/timeline?limit=50", familyId)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** What the provider stand-ins received for one address on one channel, oldest first. */
    static JsonNode outbox(WebTestClient http, String channel, String to) {
        return http.get().uri(b -> b.path("/sandbox/outbox").queryParam("channel", channel).queryParam("to", to).build())
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("messages");
    }
}
