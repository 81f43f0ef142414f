package dev.tandem.platform.fuzz;

import static dev.tandem.platform.fuzz.Field.Format.DATE;
import static dev.tandem.platform.fuzz.Field.Format.EMAIL;
import static dev.tandem.platform.fuzz.Field.Format.FREE;
import static dev.tandem.platform.fuzz.Field.Format.INSTANT;
import static dev.tandem.platform.fuzz.Field.Format.LANGUAGE;
import static dev.tandem.platform.fuzz.Field.Format.PASSWORD;
import static dev.tandem.platform.fuzz.Field.Format.PAST_DATE;
import static dev.tandem.platform.fuzz.Field.Format.PHONE;
import static dev.tandem.platform.fuzz.Field.Format.TIME;
import static dev.tandem.platform.fuzz.Field.Format.TIME_ZONE;
import static dev.tandem.platform.fuzz.Field.Format.UUID;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.ADMIN;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.CARER;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.DSL;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.KEY_PERSON;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.MANAGER;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.OTHER_FAMILY_CARER;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.OTHER_KEY_PERSON;
import static dev.tandem.platform.fuzz.FuzzWorld.Who.SAME_FAMILY_CARER;

import dev.tandem.platform.fuzz.FuzzWorld.Who;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Every endpoint of the contract, as the fuzz aims at it: its address with the world's real ids, the body
 * it takes, who may call it, and who must be refused even when all else is right.
 */
final class Contract {

    /** A header a reviewer must send to read a safeguarding history. */
    static final Probe.Header REVIEW_REASON = new Probe.Header("X-Review-Reason", "Fuzz review of the record");

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

    /**
     * @param caller  who sends a request meant to be refused for what it holds, not for who sends it
     *                ({@code null}: no token, the endpoint is open)
     * @param refused who must be refused even with a request that is otherwise right
     * @param query   a query that is right (may be empty)
     * @param headers headers a right request carries besides the token and the content type
     */
    record Endpoint(String name, String method, String template, Map<String, String> ids, Field.Obj body,
                    Who caller, List<Who> refused, String query, List<Probe.Header> headers) {

        String path() {
            return path(Map.of());
        }

        /** The address with the world's ids, except those given here (already encoded). */
        String path(Map<String, String> replaced) {
            Matcher matcher = PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (matcher.find()) {
                String parameter = matcher.group(1);
                matcher.appendReplacement(path, Matcher.quoteReplacement(
                        replaced.getOrDefault(parameter, ids.get(parameter))));
            }
            matcher.appendTail(path);
            return path.toString();
        }

        List<String> parameters() {
            return List.copyOf(ids.keySet());
        }

        boolean open() {
            return caller == null;
        }

        boolean takesJson() {
            return body != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final List<Endpoint> all;

    Contract(FuzzWorld world) {
        List<Endpoint> endpoints = new ArrayList<>();
        String setting = world.settingId;
        Map<String, String> settingIds = Map.of("settingId", setting);

        endpoints.add(command("sign-in", "POST", "/api/auth/login", Map.of(), null, List.of(),
                body(text("username", true, FREE, 320, words().map(w -> "nobody-" + w + "@example.com")),
                        text("password", true, PASSWORD, 256, passwords()))));
        endpoints.add(command("create setting", "POST", "/api/settings", Map.of(), ADMIN,
                List.of(MANAGER, DSL, KEY_PERSON, CARER),
                body(text("name", true, FREE, 120, names()),
                        text("timeZone", true, TIME_ZONE, 64, Arbitraries.of("Europe/London", "Europe/Warsaw", "Asia/Karachi")),
                        text("defaultLanguage", true, LANGUAGE, 35, languages()))));
        endpoints.add(command("register staff", "POST", "/api/settings/{settingId}/staff", settingIds, MANAGER,
                List.of(KEY_PERSON, DSL, CARER, OTHER_FAMILY_CARER),
                body(text("name", true, FREE, 120, names()),
                        text("email", true, EMAIL, 254, emails()),
                        text("password", true, PASSWORD, 128, passwords()),
                        new Field.Choices("roles", true, 1, Integer.MAX_VALUE, false, "KEY_PERSON", "MANAGER", "DSL"))));
        endpoints.add(command("open room", "POST", "/api/settings/{settingId}/rooms", settingIds, MANAGER,
                List.of(ADMIN, DSL, KEY_PERSON, CARER), body(text("name", true, FREE, 80, names()))));
        endpoints.add(command("set meeting reminders", "PUT", "/api/settings/{settingId}/meeting-reminders", settingIds,
                MANAGER, List.of(ADMIN, DSL, KEY_PERSON, CARER), body(new Field.Int("hoursBefore", true, 0, 168))));
        Field.Obj quietHours = new Field.Obj("quietHours", false, List.of(
                text("start", true, TIME, 16, Arbitraries.of("21:00", "20:30", "22:15")),
                text("end", true, TIME, 16, Arbitraries.of("07:00", "06:45"))),
                "{\"start\":\"21:00\",\"end\":\"21:00\"}", "{\"start\":\"21:00\"}", "{\"end\":\"07:00\"}",
                "{\"start\":null,\"end\":\"07:00\"}");
        Field.Obj carer = new Field.Obj("carer", true, List.of(
                text("name", true, FREE, 120, names()),
                text("relationship", false, FREE, 60, Arbitraries.of("mother", "father", "grandmother", "guardian")),
                text("email", true, EMAIL, 254, emails()),
                text("phone", false, PHONE, 32, Arbitraries.integers().between(10, 99).map(n -> "+4477009009" + n)),
                text("password", true, PASSWORD, 128, passwords()),
                text("preferredLanguage", false, LANGUAGE, 35, languages()),
                new Field.Choices("channels", false, 0, 3, false, "APP", "SMS", "EMAIL"),
                quietHours));
        endpoints.add(command("register family", "POST", "/api/settings/{settingId}/families", settingIds, MANAGER,
                List.of(ADMIN, DSL, KEY_PERSON, CARER),
                body(text("name", true, FREE, 120, names()), new Field.ObjList("carers", true, carer, 1, 6))));
        endpoints.add(command("register child", "POST", "/api/settings/{settingId}/children", settingIds, MANAGER,
                List.of(ADMIN, DSL, KEY_PERSON, CARER),
                body(text("name", true, FREE, 120, names()),
                        text("dateOfBirth", true, PAST_DATE, 10, Arbitraries.of("2023-03-14", "2022-11-01", "2021-09-30")),
                        text("familyId", true, UUID, 36, Arbitraries.just(world.otherFamilyId)),
                        text("roomId", true, UUID, 36, Arbitraries.just(world.otherRoomId)),
                        text("keyPersonId", true, UUID, 36, Arbitraries.just(world.subject(OTHER_KEY_PERSON))))));
        Map<String, String> anna = Map.of("carerId", world.subject(CARER));
        endpoints.add(command("change preferences", "PUT", "/api/carers/{carerId}/preferences", anna, CARER,
                List.of(KEY_PERSON, DSL, ADMIN, SAME_FAMILY_CARER, OTHER_FAMILY_CARER),
                body(text("preferredLanguage", true, LANGUAGE, 35, languages()),
                        new Field.Choices("channels", true, 1, 3, true, "APP", "SMS", "EMAIL"), quietHours)));
        endpoints.add(command("register device", "POST", "/api/carers/{carerId}/devices", anna, CARER,
                List.of(MANAGER, KEY_PERSON, DSL, ADMIN, SAME_FAMILY_CARER, OTHER_FAMILY_CARER),
                body(text("token", true, FREE, 4096, words().map(w -> "device-" + w)),
                        new Field.Choice("platform", true, false, "ANDROID", "IOS", "WEB"))));
        endpoints.add(command("set restriction", "PUT", "/api/children/{childId}/carers/{carerId}/restriction",
                Map.of("childId", world.childId, "carerId", world.subject(SAME_FAMILY_CARER)), MANAGER,
                List.of(KEY_PERSON, OTHER_KEY_PERSON, CARER, ADMIN),
                body(new Field.Bool("restricted", true), text("reason", true, FREE, 500, sentences()))));
        Map<String, String> zofia = Map.of("childId", world.childId);
        List<Who> notHerKeyPerson = List.of(CARER, ADMIN, DSL, OTHER_KEY_PERSON);
        endpoints.add(command("share observation", "POST", "/api/children/{childId}/observations", zofia, KEY_PERSON,
                notHerKeyPerson,
                body(text("text", true, FREE, 4000, sentences()),
                        new Field.Choices("areas", true, 1, Integer.MAX_VALUE, false, "COMMUNICATION_AND_LANGUAGE",
                                "PHYSICAL_DEVELOPMENT", "PERSONAL_SOCIAL_AND_EMOTIONAL_DEVELOPMENT", "LITERACY",
                                "MATHEMATICS", "UNDERSTANDING_THE_WORLD", "EXPRESSIVE_ARTS_AND_DESIGN"),
                        text("nextSteps", false, FREE, 2000, sentences()))));
        Field startsAt = text("startsAt", true, INSTANT, 64, futureInstants());
        Field duration = new Field.Int("durationMinutes", true, 5, 480);
        endpoints.add(command("book meeting", "POST", "/api/children/{childId}/meetings", zofia, KEY_PERSON,
                notHerKeyPerson,
                body(startsAt, duration, text("location", true, FREE, 200, names()),
                        text("purpose", true, FREE, 1000, sentences()))));
        Map<String, String> meeting = Map.of("meetingId", world.meetingId);
        endpoints.add(command("reschedule meeting", "POST", "/api/meetings/{meetingId}/reschedule", meeting, KEY_PERSON,
                notHerKeyPerson, body(startsAt, duration)));
        endpoints.add(command("cancel meeting", "POST", "/api/meetings/{meetingId}/cancel", meeting, KEY_PERSON,
                notHerKeyPerson, body(text("reason", true, FREE, 500, sentences()))));
        endpoints.add(command("give feedback", "POST", "/api/children/{childId}/feedback", zofia, KEY_PERSON,
                notHerKeyPerson, body(text("text", true, FREE, 4000, sentences()),
                        text("inReplyTo", false, UUID, 36, Arbitraries.just(world.observationId)))));
        Field.Obj announcement = body(text("title", true, FREE, 120, names()), text("text", true, FREE, 4000, sentences()),
                text("eventDate", false, DATE, 10, Arbitraries.of("2031-06-01", "2031-12-24")),
                new Field.Bool("urgent", false));
        endpoints.add(command("announce to room", "POST", "/api/rooms/{roomId}/announcements",
                Map.of("roomId", world.roomId), KEY_PERSON, notHerKeyPerson, announcement));
        endpoints.add(command("announce to setting", "POST", "/api/settings/{settingId}/announcements", settingIds,
                MANAGER, List.of(KEY_PERSON, CARER, ADMIN, DSL), announcement));
        Map<String, String> observation = Map.of("updateId", world.observationId);
        endpoints.add(command("withdraw update", "POST", "/api/updates/{updateId}/withdrawal", observation, KEY_PERSON,
                notHerKeyPerson, body(text("reason", true, FREE, 500, sentences()))));
        endpoints.add(command("record concern", "POST", "/api/children/{childId}/concerns", zofia, KEY_PERSON,
                List.of(CARER, SAME_FAMILY_CARER, ADMIN),
                body(text("text", true, FREE, 4000, sentences()), new Field.Choice("category", true, false,
                        "INJURY", "DISCLOSURE", "BEHAVIOUR_CHANGE", "NEGLECT", "ATTENDANCE", "OTHER"))));
        endpoints.add(command("act on concern", "POST", "/api/concerns/{concernId}/actions",
                Map.of("concernId", world.concernId), DSL, List.of(KEY_PERSON, MANAGER, CARER, ADMIN),
                body(new Field.Choice("action", true, false, "NOTED", "DISCUSSED_WITH_FAMILY", "REFERRED", "MONITORING",
                        "CLOSED", "REOPENED"), text("note", false, FREE, 4000, sentences()))));
        List<Who> notACarerOfTheFamily = List.of(MANAGER, KEY_PERSON, DSL, ADMIN, OTHER_FAMILY_CARER);
        endpoints.add(command("reply", "POST", "/api/updates/{updateId}/replies", observation, CARER,
                notACarerOfTheFamily, body(text("text", true, FREE, 2000, sentences()))));
        endpoints.add(new Endpoint("acknowledge", "POST", "/api/updates/{updateId}/acknowledgements", observation, null,
                CARER, notACarerOfTheFamily, "", List.of()));
        endpoints.add(command("sandbox fault", "POST", "/sandbox/faults", Map.of(), null, List.of(),
                body(new Field.Choice("channel", true, true, "SMS", "PUSH", "EMAIL"),
                        new Field.Choice("kind", true, true, "UNAVAILABLE", "REJECTED", "NO_ANSWER"),
                        new Field.Int("count", true, 1, 1000))));

        Map<String, String> nowak = Map.of("familyId", world.familyId);
        List<Who> notOfTheFamily = List.of(OTHER_FAMILY_CARER, ADMIN);
        endpoints.add(read("timeline", "/api/families/{familyId}/timeline", nowak, CARER, notOfTheFamily, "?limit=20"));
        endpoints.add(read("timeline stream", "/api/families/{familyId}/timeline/stream", nowak, CARER, notOfTheFamily, ""));
        Map<String, String> kira = Map.of("staffId", world.subject(KEY_PERSON));
        List<Who> notKiraNorHerManager = List.of(OTHER_KEY_PERSON, DSL, CARER, ADMIN);
        endpoints.add(read("inbox", "/api/staff/{staffId}/inbox", kira, KEY_PERSON, notKiraNorHerManager, ""));
        endpoints.add(read("key children", "/api/staff/{staffId}/children", kira, KEY_PERSON, notKiraNorHerManager, ""));
        endpoints.add(read("setting meetings", "/api/settings/{settingId}/meetings", settingIds, MANAGER,
                List.of(CARER, ADMIN), "?from=2030-01-01T00:00:00Z"));
        endpoints.add(read("setting concerns", "/api/settings/{settingId}/concerns", settingIds, DSL,
                List.of(KEY_PERSON, MANAGER, CARER, ADMIN), "?status=OPEN"));
        endpoints.add(read("deliveries", "/api/updates/{updateId}/deliveries", observation, MANAGER, List.of(CARER, ADMIN), ""));
        endpoints.add(read("update", "/api/updates/{updateId}", observation, MANAGER, List.of(ADMIN, OTHER_FAMILY_CARER), ""));
        endpoints.add(read("meeting", "/api/meetings/{meetingId}", meeting, MANAGER, List.of(CARER, ADMIN), ""));
        List<Who> notAReviewer = List.of(KEY_PERSON, OTHER_KEY_PERSON, CARER, ADMIN);
        // a reading of a history is recorded: the fuzz sends only readings that must be refused
        endpoints.add(new Endpoint("history", "GET", "/api/children/{childId}/history", zofia, null, DSL, notAReviewer,
                "?from=2020-01-01T00:00:00Z", List.of(REVIEW_REASON)));
        endpoints.add(new Endpoint("history export", "GET", "/api/children/{childId}/history/export", zofia, null, DSL,
                notAReviewer, "?format=json", List.of(REVIEW_REASON)));
        endpoints.add(new Endpoint("sandbox outbox", "GET", "/sandbox/outbox", Map.of(), null, null, List.of(),
                "?channel=SMS", List.of()));
        this.all = List.copyOf(endpoints);
    }

    List<Endpoint> withBodies() {
        return all.stream().filter(Endpoint::takesJson).toList();
    }

    List<Endpoint> withIds() {
        return all.stream().filter(e -> !e.ids().isEmpty()).toList();
    }

    List<Endpoint> withRefusedCallers() {
        return all.stream().filter(e -> !e.refused().isEmpty()).toList();
    }

    Endpoint named(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------

    private static Endpoint command(String name, String method, String template, Map<String, String> ids, Who caller,
                                    List<Who> refused, Field.Obj body) {
        return new Endpoint(name, method, template, new LinkedHashMap<>(ids), body, caller, refused, "", List.of());
    }

    private static Endpoint read(String name, String template, Map<String, String> ids, Who caller, List<Who> refused,
                                 String query) {
        return new Endpoint(name, "GET", template, new LinkedHashMap<>(ids), null, caller, refused, query, List.of());
    }

    private static Field.Obj body(Field... fields) {
        return new Field.Obj("body", true, List.of(fields));
    }

    private static Field text(String name, boolean required, Field.Format format, int max, Arbitrary<String> valid) {
        return new Field.Text(name, required, format, max, valid);
    }

    /** Lower-case letters only: nothing a leak check could mistake for a class name or SQL. */
    static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12);
    }

    private static Arbitrary<String> names() {
        return words().map(w -> "Fuzz " + w);
    }

    private static Arbitrary<String> sentences() {
        return words().list().ofMinSize(1).ofMaxSize(8).map(w -> "Fuzz " + String.join(" ", w) + ".");
    }

    private static Arbitrary<String> emails() {
        return words().map(w -> "fuzz-" + w + "@example.com");
    }

    private static Arbitrary<String> passwords() {
        return Arbitraries.strings().numeric().ofLength(6).map(d -> "fuzz-pass-" + d);
    }

    private static Arbitrary<String> languages() {
        return Arbitraries.of("en", "pl", "ur");
    }

    private static Arbitrary<String> futureInstants() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(90, ChronoUnit.DAYS);
        return Arbitraries.integers().between(0, 300 * 24 * 4)
                .map(quarter -> base.plus(quarter * 15L, ChronoUnit.MINUTES).toString());
    }
}
