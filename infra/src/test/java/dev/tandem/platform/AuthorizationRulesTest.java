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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Deny by default, one rule per test, through HTTP on the embedded default: each refused call answers
 * 403 problem+json, and where the call would have stored something, a later permitted action shows
 * (once projected) that nothing was stored. Projections follow the event order, so once the later
 * action is visible, anything the refused call had stored would be visible too.
 *
 * <p>The world, set up once: two settings (Acorns and Oaks, each a {@link Nursery}); at Acorns a second
 * key person, Kai, key person of Leo Lee in the Butterflies room (Kira's Zofia is in Caterpillars);
 * an observation and a meeting about Zofia; and a third nursery where Tom is barred from Zofia.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/authorization-test-data/${random.uuid}")
@ActiveProfiles("embedded")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationRulesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant DAY_AFTER_TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS)
            .plus(9, ChronoUnit.HOURS);

    @LocalServerPort
    int port;

    private WebTestClient http;
    private Nursery acorns;
    private Nursery oaks;
    private Nursery barred;
    private String kaiId;
    private String kaiToken;
    private String butterfliesId;
    private String leeFamilyId;
    private String leoId;
    private String lenaToken;
    private String zofiasObservation;
    private String zofiasMeeting;
    private String barredObservation;
    /** Each marker meeting on a day of its own, so that Kira's bookings never overlap. */
    private final AtomicInteger markerDays = new AtomicInteger(3);

    @BeforeAll
    void setUpTheWorld() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        acorns = Nursery.setUp(http);
        oaks = Nursery.setUp(http);
        barred = Nursery.setUp(http);

        String unique = UUID.randomUUID().toString().substring(0, 8);
        String acornsPath = "/api/settings/" + acorns.settingId();
        kaiId = Nursery.create(http, acorns.managerToken(), acornsPath + "/staff", Map.of("name", "Kai Key",
                "email", "kai-" + unique + "@acorns.example", "password", "keyperson-pass-2", "roles", List.of("KEY_PERSON")));
        kaiToken = Nursery.signIn(http, "kai-" + unique + "@acorns.example", "keyperson-pass-2");
        butterfliesId = Nursery.create(http, acorns.managerToken(), acornsPath + "/rooms", Map.of("name", "Butterflies"));
        leeFamilyId = Nursery.post(http, acorns.managerToken(), acornsPath + "/families", Map.of("name", "Lee",
                "carers", List.of(Map.of("name", "Lena Lee", "relationship", "mother", "email", "lena-" + unique + "@example.com",
                        "password", "carer-pass-4", "preferredLanguage", "en", "channels", List.of("EMAIL"))))).get("id").asString();
        lenaToken = Nursery.signIn(http, "lena-" + unique + "@example.com", "carer-pass-4");
        leoId = Nursery.create(http, acorns.managerToken(), acornsPath + "/children", Map.of("name", "Leo Lee",
                "dateOfBirth", "2022-05-20", "familyId", leeFamilyId, "roomId", butterfliesId, "keyPersonId", kaiId));

        zofiasObservation = observationAboutZofia("Zofia sorted the buttons by colour.");
        zofiasMeeting = Nursery.create(http, acorns.keyPersonToken(), "/api/children/" + acorns.childId() + "/meetings",
                Map.of("startsAt", DAY_AFTER_TOMORROW.toString(), "durationMinutes", 30, "location", "Office",
                        "purpose", "Settling-in review"));
        String nowak = acorns.familyId();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ids(timeline(nowak))).contains(zofiasObservation, zofiasMeeting);
            assertThat(ids(acornsMeetings())).contains(zofiasMeeting);
            send(HttpMethod.GET, acorns.managerToken(), "/api/updates/" + zofiasObservation + "/deliveries", null)
                    .expectStatus().isOk();
            send(HttpMethod.GET, acorns.managerToken(), "/api/staff/" + kaiId + "/inbox", null).expectStatus().isOk();
            send(HttpMethod.GET, acorns.managerToken(), "/api/families/" + leeFamilyId + "/timeline", null)
                    .expectStatus().isOk();
        });

        barredObservation = Nursery.create(http, barred.keyPersonToken(), "/api/children/" + barred.childId() + "/observations",
                Map.of("text", "Zofia planted cress seeds.", "areas", List.of("UNDERSTANDING_THE_WORLD")));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ids(barred.timeline(http, barred.managerToken()).get("entries"))).contains(barredObservation));
        send(HttpMethod.PUT, barred.managerToken(),
                "/api/children/" + barred.childId() + "/carers/" + barred.englishCarerId() + "/restriction",
                Map.of("restricted", true, "reason", "Court order")).expectStatus().isNoContent();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ids(barred.timeline(http, barred.englishCarerToken()).get("entries"))).doesNotContain(barredObservation));
    }

    // Setting up

    @Test
    void onlyTheOperatorCreatesSettings() {
        for (String token : List.of(acorns.managerToken(), acorns.keyPersonToken(), acorns.polishCarerToken())) {
            assertForbidden(send(HttpMethod.POST, token, "/api/settings",
                    Map.of("name", "Rogue Nursery", "timeZone", "Europe/London", "defaultLanguage", "en")));
        }
    }

    @Test
    void managerCannotAddStaffToAnotherSetting() {
        String email = "intruder-" + UUID.randomUUID() + "@oaks.example";
        assertForbidden(send(HttpMethod.POST, oaks.managerToken(), "/api/settings/" + acorns.settingId() + "/staff",
                newStaff(email)));
        assertCannotSignIn(email, "intruder-pass-1");
    }

    @Test
    void managerCannotOpenARoomInAnotherSetting() {
        assertForbidden(send(HttpMethod.POST, oaks.managerToken(), "/api/settings/" + acorns.settingId() + "/rooms",
                Map.of("name", "Annexe")));
    }

    @Test
    void managerCannotRegisterAFamilyInAnotherSetting() {
        String email = "stranger-" + UUID.randomUUID() + "@example.com";
        assertForbidden(send(HttpMethod.POST, oaks.managerToken(), "/api/settings/" + acorns.settingId() + "/families",
                newFamily(email)));
        assertCannotSignIn(email, "carer-pass-9");
    }

    @Test
    void managerCannotRegisterAChildInAnotherSetting() {
        assertNothingStored(this::kirasKeyChildren, this::markerChild,
                () -> send(HttpMethod.POST, oaks.managerToken(), "/api/settings/" + acorns.settingId() + "/children",
                        newChild(acorns.familyId(), acorns.roomId(), acorns.keyPersonId())));
    }

    @Test
    void keyPersonCannotAddStaffRoomsFamiliesOrChildren() {
        assertCannotSetUp(acorns.keyPersonToken());
    }

    @Test
    void carerCannotAddStaffRoomsFamiliesOrChildren() {
        assertCannotSetUp(acorns.polishCarerToken());
    }

    @Test
    void carerCannotChangeAnotherCarersPreferences() {
        Map<String, Object> polishPlease = Map.of("preferredLanguage", "pl", "channels", List.of("EMAIL"));
        String toms = "/api/carers/" + acorns.englishCarerId() + "/preferences";
        assertForbidden(send(HttpMethod.PUT, acorns.polishCarerToken(), toms, polishPlease));
        assertForbidden(send(HttpMethod.PUT, oaks.polishCarerToken(), toms, polishPlease));
        assertTomIsStillToldInEnglish();
    }

    @Test
    void managerOfAnotherSettingCannotChangeACarersPreferences() {
        assertForbidden(send(HttpMethod.PUT, oaks.managerToken(), "/api/carers/" + acorns.englishCarerId() + "/preferences",
                Map.of("preferredLanguage", "pl", "channels", List.of("EMAIL"))));
        assertTomIsStillToldInEnglish();
    }

    @Test
    void carerCannotRegisterADeviceForAnotherCarer() {
        assertForbidden(send(HttpMethod.POST, acorns.englishCarerToken(), "/api/carers/" + acorns.polishCarerId() + "/devices",
                Map.of("token", "toms-phone-" + UUID.randomUUID(), "platform", "ANDROID")));
    }

    @Test
    void keyPersonCannotRestrictACarer() {
        assertForbidden(restrictTom(acorns.keyPersonToken()));
        assertTomStillSeesZofia();
    }

    @Test
    void managerOfAnotherSettingCannotRestrictACarer() {
        assertForbidden(restrictTom(oaks.managerToken()));
        assertTomStillSeesZofia();
    }

    // Sharing

    @Test
    void carerCannotShareAnObservation() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/children/" + acorns.childId() + "/observations", newObservation("Written by a parent")));
    }

    @Test
    void carerCannotBookAMeeting() {
        assertNothingStored(this::acornsMeetings, this::markerMeeting, () -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/children/" + acorns.childId() + "/meetings", newMeeting(DAY_AFTER_TOMORROW.plus(3, ChronoUnit.HOURS))));
    }

    @Test
    void carerCannotGiveFeedback() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/children/" + acorns.childId() + "/feedback", Map.of("text", "Feedback from a parent")));
    }

    @Test
    void carerCannotAnnounce() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/rooms/" + acorns.roomId() + "/announcements", newAnnouncement()));
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/settings/" + acorns.settingId() + "/announcements", newAnnouncement()));
    }

    @Test
    void carerCannotWithdrawAnUpdate() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.polishCarerToken(),
                "/api/updates/" + zofiasObservation + "/withdrawal", Map.of("reason", "I do not like it")));
    }

    @Test
    void carerCannotRecordAConcern() {
        assertForbidden(send(HttpMethod.POST, acorns.polishCarerToken(), "/api/children/" + acorns.childId() + "/concerns",
                newConcern()));
    }

    @Test
    void keyPersonCannotShareAboutAnotherKeyPersonsChild() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, kaiToken,
                "/api/children/" + acorns.childId() + "/observations", newObservation("Not Kai's key child")));
    }

    @Test
    void keyPersonOfAnotherSettingCannotShareAboutAChild() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, oaks.keyPersonToken(),
                "/api/children/" + acorns.childId() + "/observations", newObservation("Not even this setting")));
    }

    @Test
    void keyPersonCannotBookAMeetingForAnotherKeyPersonsChild() {
        assertNothingStored(this::acornsMeetings, this::markerMeeting, () -> send(HttpMethod.POST, kaiToken,
                "/api/children/" + acorns.childId() + "/meetings", newMeeting(DAY_AFTER_TOMORROW.plus(4, ChronoUnit.HOURS))));
    }

    @Test
    void keyPersonCannotGiveFeedbackOnAnotherKeyPersonsChild() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, kaiToken,
                "/api/children/" + acorns.childId() + "/feedback", Map.of("text", "Feedback from the wrong key person")));
    }

    @Test
    void keyPersonCannotAnnounceToARoomNoneOfTheirKeyChildrenIsIn() {
        assertNothingStored(() -> timeline(leeFamilyId), this::observationAboutLeo, () -> send(HttpMethod.POST,
                acorns.keyPersonToken(), "/api/rooms/" + butterfliesId + "/announcements", newAnnouncement()));
    }

    @Test
    void keyPersonCannotAnnounceToTheWholeSetting() {
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.keyPersonToken(),
                "/api/settings/" + acorns.settingId() + "/announcements", newAnnouncement()));
    }

    @Test
    void keyPersonCannotWithdrawAnotherStaffMembersUpdateButAManagerCan() {
        String managers = Nursery.create(http, acorns.managerToken(), "/api/children/" + acorns.childId() + "/observations",
                newObservation("Shared by the manager"));
        String kiras = observationAboutZofia("Shared by Kira, to be withdrawn by the manager");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(timeline(acorns.familyId()))).contains(managers, kiras));

        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, acorns.keyPersonToken(),
                "/api/updates/" + managers + "/withdrawal", Map.of("reason", "Zofia's key person, not its author")));
        assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, kaiToken,
                "/api/updates/" + kiras + "/withdrawal", Map.of("reason", "Another key person")));

        send(HttpMethod.POST, acorns.managerToken(), "/api/updates/" + kiras + "/withdrawal", Map.of("reason", "Wrong child"))
                .expectStatus().is2xxSuccessful();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ids(timeline(acorns.familyId()))).doesNotContain(kiras).contains(managers));
    }

    @Test
    void keyPersonCannotRescheduleAnotherKeyPersonsMeeting() {
        assertNothingStored(this::acornsMeetings, this::markerMeeting, () -> send(HttpMethod.POST, kaiToken,
                "/api/meetings/" + zofiasMeeting + "/reschedule",
                Map.of("startsAt", DAY_AFTER_TOMORROW.plus(1, ChronoUnit.HOURS).toString(), "durationMinutes", 60)));
    }

    @Test
    void keyPersonCannotCancelAnotherKeyPersonsMeeting() {
        assertNothingStored(this::acornsMeetings, this::markerMeeting, () -> send(HttpMethod.POST, kaiToken,
                "/api/meetings/" + zofiasMeeting + "/cancel", Map.of("reason", "Not my meeting")));
    }

    @Test
    void staffOfAnotherSettingCannotRecordAConcernAboutAChild() {
        for (String token : List.of(oaks.keyPersonToken(), oaks.managerToken())) {
            assertForbidden(send(HttpMethod.POST, token, "/api/children/" + acorns.childId() + "/concerns", newConcern()));
        }
    }

    // Carers

    @Test
    void carerOfAnotherFamilyCannotReplyToAnUpdate() {
        for (String token : List.of(lenaToken, oaks.polishCarerToken())) {
            assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, token,
                    "/api/updates/" + zofiasObservation + "/replies", Map.of("text", "Not my child")));
        }
    }

    @Test
    void carerOfAnotherFamilyCannotAcknowledgeAnUpdate() {
        for (String token : List.of(lenaToken, oaks.polishCarerToken())) {
            assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, token,
                    "/api/updates/" + zofiasObservation + "/acknowledgements", null));
        }
    }

    @Test
    void staffCannotReplyAsACarer() {
        for (String token : List.of(acorns.keyPersonToken(), acorns.managerToken())) {
            assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, token,
                    "/api/updates/" + zofiasObservation + "/replies", Map.of("text", "Staff posing as a parent")));
        }
    }

    @Test
    void staffCannotAcknowledgeAsACarer() {
        for (String token : List.of(acorns.keyPersonToken(), acorns.managerToken())) {
            assertNothingStoredInNowaksTimeline(() -> send(HttpMethod.POST, token,
                    "/api/updates/" + zofiasObservation + "/acknowledgements", null));
        }
    }

    @Test
    void restrictedCarerCannotReplyToTheChildsUpdates() {
        assertNothingStoredWhereTomIsBarred(() -> send(HttpMethod.POST, barred.englishCarerToken(),
                "/api/updates/" + barredObservation + "/replies", Map.of("text", "I am still her father")));
    }

    @Test
    void restrictedCarerCannotAcknowledgeTheChildsUpdates() {
        assertNothingStoredWhereTomIsBarred(() -> send(HttpMethod.POST, barred.englishCarerToken(),
                "/api/updates/" + barredObservation + "/acknowledgements", null));
    }

    // Reading

    @Test
    void carerCannotReadAnotherFamilysTimeline() {
        for (String token : List.of(lenaToken, oaks.polishCarerToken())) {
            assertForbidden(send(HttpMethod.GET, token, "/api/families/" + acorns.familyId() + "/timeline", null));
        }
    }

    @Test
    void carerCannotFollowAnotherFamilysTimelineStream() {
        for (String token : List.of(lenaToken, oaks.polishCarerToken())) {
            assertForbidden(http.get().uri("/api/families/{id}/timeline/stream", acorns.familyId())
                    .headers(h -> h.setBearerAuth(token))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange());
        }
    }

    @Test
    void staffOfAnotherSettingCannotReadAFamilysTimeline() {
        for (String token : List.of(oaks.keyPersonToken(), oaks.managerToken())) {
            assertForbidden(send(HttpMethod.GET, token, "/api/families/" + acorns.familyId() + "/timeline", null));
        }
    }

    @Test
    void staffOfAnotherSettingCannotReadTheSettingsMeetings() {
        for (String token : List.of(oaks.keyPersonToken(), oaks.managerToken())) {
            assertForbidden(send(HttpMethod.GET, token, "/api/settings/" + acorns.settingId() + "/meetings", null));
        }
    }

    @Test
    void staffOfAnotherSettingCannotReadAnUpdatesDeliveries() {
        for (String token : List.of(oaks.keyPersonToken(), oaks.managerToken())) {
            assertForbidden(send(HttpMethod.GET, token, "/api/updates/" + zofiasObservation + "/deliveries", null));
        }
    }

    @Test
    void carerCannotReadTheSettingsMeetings() {
        assertForbidden(send(HttpMethod.GET, acorns.polishCarerToken(), "/api/settings/" + acorns.settingId() + "/meetings",
                null));
    }

    @Test
    void carerCannotReadDeliveriesEvenOfTheirOwnFamilysUpdate() {
        assertForbidden(send(HttpMethod.GET, acorns.polishCarerToken(), "/api/updates/" + zofiasObservation + "/deliveries",
                null));
    }

    @Test
    void carerCannotReadAStaffInbox() {
        assertForbidden(send(HttpMethod.GET, acorns.polishCarerToken(), "/api/staff/" + acorns.keyPersonId() + "/inbox",
                null));
    }

    @Test
    void keyPersonCannotReadAnotherKeyPersonsInboxButAManagerCan() {
        assertForbidden(send(HttpMethod.GET, kaiToken, "/api/staff/" + acorns.keyPersonId() + "/inbox", null));
        send(HttpMethod.GET, acorns.managerToken(), "/api/staff/" + acorns.keyPersonId() + "/inbox", null)
                .expectStatus().isOk().expectBody().jsonPath("$.items").isArray();
    }

    /**
     * The contract names type, title, status and detail as the fields of every error; checked apart so
     * that a missing type shows once rather than in every rule above. One refusal from each place that
     * refuses: a role check on the command side, an aggregate's rule, and a read check on the query side.
     */
    @Test
    void everyRefusalIsAProblemWithATypeTitleStatusAndDetail() {
        List<WebTestClient.ResponseSpec> refusals = List.of(
                send(HttpMethod.POST, acorns.polishCarerToken(), "/api/children/" + acorns.childId() + "/observations",
                        newObservation("Written by a parent")),
                send(HttpMethod.POST, kaiToken, "/api/children/" + acorns.childId() + "/observations",
                        newObservation("Not Kai's key child")),
                send(HttpMethod.GET, lenaToken, "/api/families/" + acorns.familyId() + "/timeline", null));
        for (WebTestClient.ResponseSpec refusal : refusals) {
            refusal.expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isNotEmpty()
                    .jsonPath("$.title").isNotEmpty()
                    .jsonPath("$.status").isEqualTo(403)
                    .jsonPath("$.detail").isNotEmpty();
        }
    }

    // How refusals are checked

    private static void assertForbidden(WebTestClient.ResponseSpec response) {
        response.expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    /**
     * The refused call answers 403 and the view is as it was: a permitted marker action afterwards
     * shows in the view once projected, and the view without it equals the view before.
     */
    private void assertNothingStored(Supplier<JsonNode> view, Supplier<String> marker,
                                     Supplier<WebTestClient.ResponseSpec> refused) {
        List<JsonNode> before = list(view.get());
        assertForbidden(refused.get());
        String markerId = marker.get();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(view.get())).contains(markerId));
        List<JsonNode> after = list(view.get());
        after.removeIf(row -> row.get("id").asString().equals(markerId));
        assertThat(after).isEqualTo(before);
    }

    private void assertNothingStoredInNowaksTimeline(Supplier<WebTestClient.ResponseSpec> refused) {
        assertNothingStored(() -> timeline(acorns.familyId()),
                () -> observationAboutZofia("Marker " + UUID.randomUUID()), refused);
    }

    private void assertNothingStoredWhereTomIsBarred(Supplier<WebTestClient.ResponseSpec> refused) {
        assertNothingStored(() -> barred.timeline(http, barred.managerToken()).get("entries"),
                () -> Nursery.create(http, barred.keyPersonToken(), "/api/children/" + barred.childId() + "/observations",
                        newObservation("Marker " + UUID.randomUUID())), refused);
    }

    private void assertCannotSetUp(String token) {
        String acornsPath = "/api/settings/" + acorns.settingId();
        String staffEmail = "not-hired-" + UUID.randomUUID() + "@acorns.example";
        String carerEmail = "not-enrolled-" + UUID.randomUUID() + "@example.com";
        assertForbidden(send(HttpMethod.POST, token, acornsPath + "/staff", newStaff(staffEmail)));
        assertForbidden(send(HttpMethod.POST, token, acornsPath + "/rooms", Map.of("name", "Annexe")));
        assertForbidden(send(HttpMethod.POST, token, acornsPath + "/families", newFamily(carerEmail)));
        assertNothingStored(this::kirasKeyChildren, this::markerChild, () -> send(HttpMethod.POST, token,
                acornsPath + "/children", newChild(acorns.familyId(), acorns.roomId(), acorns.keyPersonId())));
        assertCannotSignIn(staffEmail, "intruder-pass-1");
        assertCannotSignIn(carerEmail, "carer-pass-9");
    }

    private void assertCannotSignIn(String email, String password) {
        http.post().uri("/api/auth/login").bodyValue(Map.of("username", email, "password", password))
                .exchange().expectStatus().isUnauthorized();
    }

    /** Had Tom's preference been changed to Polish, the next observation's email to him would be in Polish. */
    private void assertTomIsStillToldInEnglish() {
        String text = "Zofia hopped on one foot " + UUID.randomUUID();
        observationAboutZofia(text);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> emails = new ArrayList<>();
            Nursery.outbox(http, "EMAIL", acorns.englishCarerEmail()).forEach(message -> {
                if (message.path("body").asString("").contains(text)) {
                    emails.add(message);
                }
            });
            assertThat(emails).hasSize(1);
            assertThat(emails.get(0).get("language").asString()).isEqualTo("en");
        });
    }

    /** Had Tom been barred from Zofia, her next observation would not show in his timeline. */
    private void assertTomStillSeesZofia() {
        String marker = observationAboutZofia("Zofia washed her hands " + UUID.randomUUID());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ids(acorns.timeline(http, acorns.englishCarerToken()).get("entries"))).contains(marker));
    }

    private WebTestClient.ResponseSpec restrictTom(String token) {
        return send(HttpMethod.PUT, token,
                "/api/children/" + acorns.childId() + "/carers/" + acorns.englishCarerId() + "/restriction",
                Map.of("restricted", true, "reason", "Not for this caller to decide"));
    }

    // Calls and views

    private WebTestClient.ResponseSpec send(HttpMethod method, String token, String path, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path).headers(h -> h.setBearerAuth(token));
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    private String observationAboutZofia(String text) {
        return Nursery.create(http, acorns.keyPersonToken(), "/api/children/" + acorns.childId() + "/observations",
                newObservation(text));
    }

    private String observationAboutLeo() {
        return Nursery.create(http, kaiToken, "/api/children/" + leoId + "/observations",
                newObservation("Marker " + UUID.randomUUID()));
    }

    private String markerMeeting() {
        Instant startsAt = DAY_AFTER_TOMORROW.plus(markerDays.getAndIncrement(), ChronoUnit.DAYS);
        return Nursery.create(http, acorns.keyPersonToken(), "/api/children/" + acorns.childId() + "/meetings",
                newMeeting(startsAt));
    }

    private String markerChild() {
        return Nursery.create(http, acorns.managerToken(), "/api/settings/" + acorns.settingId() + "/children",
                newChild(acorns.familyId(), acorns.roomId(), acorns.keyPersonId()));
    }

    /** Newest first, as many as the timeline gives in one page; the world stays well under that. */
    private JsonNode timeline(String familyId) {
        JsonNode entries = http.get().uri("/api/families/{id}/timeline?limit=100", familyId)
                .headers(h -> h.setBearerAuth(acorns.managerToken()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("entries");
        assertThat(entries.size()).as("entries on one page").isLessThan(100);
        return entries;
    }

    private JsonNode acornsMeetings() {
        return http.get().uri("/api/settings/{id}/meetings", acorns.settingId())
                .headers(h -> h.setBearerAuth(acorns.managerToken()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("meetings");
    }

    private JsonNode kirasKeyChildren() {
        return http.get().uri("/api/staff/{id}/children", acorns.keyPersonId())
                .headers(h -> h.setBearerAuth(acorns.keyPersonToken()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("children");
    }

    private static List<JsonNode> list(JsonNode rows) {
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }

    private static List<String> ids(JsonNode rows) {
        return list(rows).stream().map(row -> row.get("id").asString()).toList();
    }

    // Bodies

    private static Map<String, Object> newStaff(String email) {
        return Map.of("name", "Ivy Intruder", "email", email, "password", "intruder-pass-1", "roles", List.of("KEY_PERSON"));
    }

    private static Map<String, Object> newFamily(String carerEmail) {
        return Map.of("name", "Stranger", "carers", List.of(Map.of("name", "Sam Stranger", "email", carerEmail,
                "password", "carer-pass-9", "preferredLanguage", "en", "channels", List.of("EMAIL"))));
    }

    private static Map<String, Object> newChild(String familyId, String roomId, String keyPersonId) {
        return Map.of("name", "Nina Nowak", "dateOfBirth", "2024-01-10", "familyId", familyId, "roomId", roomId,
                "keyPersonId", keyPersonId);
    }

    private static Map<String, Object> newObservation(String text) {
        return Map.of("text", text, "areas", List.of("LITERACY"));
    }

    private static Map<String, Object> newMeeting(Instant startsAt) {
        return Map.of("startsAt", startsAt.toString(), "durationMinutes", 30, "location", "Office",
                "purpose", "Progress check");
    }

    private static Map<String, Object> newAnnouncement() {
        return Map.of("title", "Trip", "text", "A trip to the park on Friday.", "eventDate", "2026-12-04", "urgent", false);
    }

    private static Map<String, Object> newConcern() {
        return Map.of("text", "Seemed withdrawn at lunch.", "category", "BEHAVIOUR_CHANGE");
    }
}
