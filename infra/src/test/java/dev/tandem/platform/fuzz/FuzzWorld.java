package dev.tandem.platform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The nursery every generated request is aimed at, set up through the public API: a setting with a
 * manager, a DSL, two key persons (Kira for Zofia in Caterpillars, Kai for Leo in Butterflies), the Nowak
 * family (Anna, with a phone, and Tom) and the Lee family (Lena); an observation and a meeting about
 * Zofia, and a concern. Each id a request can name is a real one, so a refusal is the edge's doing, not a
 * missing record's.
 */
final class FuzzWorld {

    /** Who a request is sent as. */
    enum Who { ADMIN, MANAGER, DSL, KEY_PERSON, OTHER_KEY_PERSON, CARER, SAME_FAMILY_CARER, OTHER_FAMILY_CARER }

    final Map<Who, String> tokens = new EnumMap<>(Who.class);
    final Map<Who, String> subjects = new EnumMap<>(Who.class);
    String settingId;
    String roomId;
    String otherRoomId;
    String familyId;
    String otherFamilyId;
    String childId;
    String otherChildId;
    String observationId;
    String meetingId;
    String concernId;
    /** Every carer's phone: a signed SMS from one of them is a real reply, never sent by the fuzz. */
    List<String> carerPhones;

    private static final AtomicLong PHONES = new AtomicLong(7_700_900_800L);

    static FuzzWorld setUp(FuzzPlatform platform) {
        FuzzWorld world = new FuzzWorld();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = signIn(platform, "admin", "admin");
        world.tokens.put(Who.ADMIN, admin);
        world.settingId = id(platform.call("POST", "/api/settings", admin,
                "{\"name\":\"Fuzzy Acorns " + unique + "\",\"timeZone\":\"Europe/London\",\"defaultLanguage\":\"en\"}", 201));
        String staff = "/api/settings/" + world.settingId + "/staff";
        world.subjects.put(Who.MANAGER, id(platform.call("POST", staff, admin, staffMember("Maya Manager",
                "maya-" + unique, "MANAGER"), 201)));
        String manager = signIn(platform, "maya-" + unique + "@acorns.example", "staff-pass-1");
        world.tokens.put(Who.MANAGER, manager);
        world.subjects.put(Who.DSL, id(platform.call("POST", staff, manager, staffMember("Dara Lead", "dara-" + unique, "DSL"), 201)));
        world.subjects.put(Who.KEY_PERSON, id(platform.call("POST", staff, manager, staffMember("Kira Key", "kira-" + unique, "KEY_PERSON"), 201)));
        world.subjects.put(Who.OTHER_KEY_PERSON, id(platform.call("POST", staff, manager, staffMember("Kai Key", "kai-" + unique, "KEY_PERSON"), 201)));
        String rooms = "/api/settings/" + world.settingId + "/rooms";
        world.roomId = id(platform.call("POST", rooms, manager, "{\"name\":\"Caterpillars\"}", 201));
        world.otherRoomId = id(platform.call("POST", rooms, manager, "{\"name\":\"Butterflies\"}", 201));
        String families = "/api/settings/" + world.settingId + "/families";
        String annaPhone = "+44" + PHONES.getAndIncrement();
        JsonNode nowak = platform.call("POST", families, manager, "{\"name\":\"Nowak\",\"carers\":["
                + carer("Anna Nowak", "anna-" + unique, annaPhone, "pl", "[\"SMS\",\"EMAIL\"]") + ","
                + carer("Tom Nowak", "tom-" + unique, null, "en", "[\"EMAIL\"]") + "]}", 201);
        world.familyId = nowak.get("id").asString();
        world.subjects.put(Who.CARER, nowak.get("carerIds").get(0).asString());
        world.subjects.put(Who.SAME_FAMILY_CARER, nowak.get("carerIds").get(1).asString());
        JsonNode lee = platform.call("POST", families, manager, "{\"name\":\"Lee\",\"carers\":["
                + carer("Lena Lee", "lena-" + unique, null, "en", "[\"EMAIL\"]") + "]}", 201);
        world.otherFamilyId = lee.get("id").asString();
        world.subjects.put(Who.OTHER_FAMILY_CARER, lee.get("carerIds").get(0).asString());
        world.carerPhones = List.of(annaPhone);
        String children = "/api/settings/" + world.settingId + "/children";
        world.childId = id(platform.call("POST", children, manager, child("Zofia Nowak", world.familyId, world.roomId,
                world.subjects.get(Who.KEY_PERSON)), 201));
        world.otherChildId = id(platform.call("POST", children, manager, child("Leo Lee", world.otherFamilyId,
                world.otherRoomId, world.subjects.get(Who.OTHER_KEY_PERSON)), 201));

        world.tokens.put(Who.DSL, signIn(platform, "dara-" + unique + "@acorns.example", "staff-pass-1"));
        String kira = signIn(platform, "kira-" + unique + "@acorns.example", "staff-pass-1");
        world.tokens.put(Who.KEY_PERSON, kira);
        world.tokens.put(Who.OTHER_KEY_PERSON, signIn(platform, "kai-" + unique + "@acorns.example", "staff-pass-1"));
        world.tokens.put(Who.CARER, signIn(platform, "anna-" + unique + "@example.com", "carer-pass-1"));
        world.tokens.put(Who.SAME_FAMILY_CARER, signIn(platform, "tom-" + unique + "@example.com", "carer-pass-1"));
        world.tokens.put(Who.OTHER_FAMILY_CARER, signIn(platform, "lena-" + unique + "@example.com", "carer-pass-1"));

        String zofia = "/api/children/" + world.childId;
        world.observationId = id(platform.call("POST", zofia + "/observations", kira,
                "{\"text\":\"Zofia counted the ducks.\",\"areas\":[\"MATHEMATICS\"]}", 201));
        // far enough ahead that no reminder falls due while the fuzz runs
        Instant inSixtyDays = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(60, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        world.meetingId = id(platform.call("POST", zofia + "/meetings", kira, "{\"startsAt\":\"" + inSixtyDays
                + "\",\"durationMinutes\":30,\"location\":\"Office\",\"purpose\":\"Settling-in review\"}", 201));
        world.concernId = id(platform.call("POST", zofia + "/concerns", kira,
                "{\"text\":\"A bruise on her arm.\",\"category\":\"INJURY\"}", 201));

        // the read side has caught up (so that a refusal is not a 404 of a record not yet projected)...
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode timeline = platform.call("GET", "/api/families/" + world.familyId + "/timeline", manager, null, 200);
            List<String> ids = new ArrayList<>();
            timeline.get("entries").forEach(entry -> ids.add(entry.get("id").asString()));
            assertThat(ids).contains(world.observationId, world.meetingId);
            platform.call("GET", "/api/settings/" + world.settingId + "/concerns", world.tokens.get(Who.DSL), null, 200);
            platform.call("GET", "/api/updates/" + world.observationId + "/deliveries", manager, null, 200);
        });
        // ...and the notifier has finished with what the set-up sent (SMS status callbacks add events)
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    long now = platform.storedEvents();
                    boolean settled = now == last[0];
                    last[0] = now;
                    return settled;
                });
        return world;
    }

    String token(Who who) {
        return tokens.get(who);
    }

    String subject(Who who) {
        return subjects.get(who);
    }

    private static String signIn(FuzzPlatform platform, String username, String password) {
        return platform.call("POST", "/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 200).get("accessToken").asString();
    }

    private static String id(JsonNode created) {
        return created.get("id").asString();
    }

    private static String staffMember(String name, String login, String role) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + login + "@acorns.example\",\"password\":\"staff-pass-1\","
                + "\"roles\":[\"" + role + "\"]}";
    }

    private static String carer(String name, String login, String phone, String language, String channels) {
        return "{\"name\":\"" + name + "\",\"relationship\":\"parent\",\"email\":\"" + login + "@example.com\","
                + (phone == null ? "" : "\"phone\":\"" + phone + "\",")
                + "\"password\":\"carer-pass-1\",\"preferredLanguage\":\"" + language + "\",\"channels\":" + channels + "}";
    }

    private static String child(String name, String familyId, String roomId, String keyPersonId) {
        return "{\"name\":\"" + name + "\",\"dateOfBirth\":\"2023-03-14\",\"familyId\":\"" + familyId + "\",\"roomId\":\""
                + roomId + "\",\"keyPersonId\":\"" + keyPersonId + "\"}";
    }
}
