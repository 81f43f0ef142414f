package dev.tandem.query.timeline;

import static dev.tandem.query.timeline.FetchUpdateTest.announcement;
import static dev.tandem.query.timeline.FetchUpdateTest.observation;
import static dev.tandem.query.timeline.FetchUpdateTest.reply;
import static dev.tandem.query.timeline.FetchUpdateTest.restriction;
import static dev.tandem.query.timeline.FetchUpdateTest.withdrawal;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.api.translation.UpdateTranslated;
import dev.tandem.query.Queries;
import dev.tandem.query.SignedIn;
import dev.tandem.query.directory.ReadAccess;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/updates/{updateId}: who reads which entry, and who is told it is not there. */
class UpdateViewControllerTest {

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private UpdateViewController controller;

    @BeforeEach
    void setUp() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(views.timeline).subscribe(bus);
        controller = new UpdateViewController(new Queries(DefaultQueryGateway.builder().queryBus(bus).build()),
                new ReadAccess(views.lookups), views.lookups);
        share(observation("update-1", "child-1"));
        views.lookups.on(announcement("announcement-1"));
        views.timeline.on(announcement("announcement-1"));
        views.timeline.on(reply("reply-1", "announcement-1", "family-1", "carer-1", 5));
        views.timeline.on(reply("reply-2", "announcement-1", "family-2", "carer-3", 3));
    }

    private void share(ObservationShared observation) {
        views.lookups.on(observation);
        views.timeline.on(observation);
    }

    private WebTestClient as(String subjectId, Role role, String scopeId) {
        return SignedIn.client(controller, subjectId, role, scopeId);
    }

    private WebTestClient.ResponseSpec get(WebTestClient client, String updateId) {
        return client.get().uri("/api/updates/" + updateId).exchange();
    }

    private static void notFound(WebTestClient.ResponseSpec response) {
        response.expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aCarerReadsTheUpdateAsTheirTimelineShowsIt() {
        get(as("carer-1", Role.CARER, "family-1"), "update-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("update-1")
                .jsonPath("$.type").isEqualTo("OBSERVATION")
                .jsonPath("$.childId").isEqualTo("child-1")
                .jsonPath("$.childName").isEqualTo("Zofia Nowak")
                .jsonPath("$.author.name").isEqualTo("Kira Key")
                .jsonPath("$.occurredAt").isEqualTo("2026-11-23T09:00:00Z")
                .jsonPath("$.areas[0]").isEqualTo("PHYSICAL_DEVELOPMENT")
                .jsonPath("$.replies.length()").isEqualTo(0);
    }

    @Test
    void aCarerReadsOnlyTheirOwnFamilysRepliesToAnAnnouncement() {
        get(as("carer-3", Role.CARER, "family-2"), "announcement-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.type").isEqualTo("ANNOUNCEMENT")
                .jsonPath("$.replies[0].id").isEqualTo("reply-2")
                .jsonPath("$.replies.length()").isEqualTo(1);
    }

    @Test
    void aCarerOfAnotherFamilyIsToldThereIsNoSuchUpdate() {
        notFound(get(as("carer-3", Role.CARER, "family-2"), "update-1"));
    }

    @Test
    void aCarerBarredFromTheChildIsToldThereIsNoSuchUpdate() {
        views.lookups.on(restriction("carer-2", "child-1"));

        notFound(get(as("carer-2", Role.CARER, "family-1"), "update-1"));
        notFound(get(as("carer-2", Role.CARER, "family-1"), "announcement-1"));
        get(as("carer-1", Role.CARER, "family-1"), "update-1").expectStatus().isOk();
    }

    @Test
    void staffOfTheSettingReadAnAnnouncementWithEveryFamilysRepliesOldestFirst() {
        get(as("kp-1", Role.KEY_PERSON, "setting-1"), "announcement-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("announcement-1")
                .jsonPath("$.title").isEqualTo("Closed Monday")
                .jsonPath("$.replies[0].id").isEqualTo("reply-2")
                .jsonPath("$.replies[1].id").isEqualTo("reply-1")
                .jsonPath("$.replies.length()").isEqualTo(2);
    }

    @Test
    void staffOfAnotherSettingAreRefused() {
        get(as("manager-9", Role.MANAGER, "setting-2"), "update-1")
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWithdrawnUpdateIsNotFoundForCarersOrStaff() {
        views.timeline.on(withdrawal("update-1", "child-1", List.of("family-1")));

        notFound(get(as("carer-1", Role.CARER, "family-1"), "update-1"));
        notFound(get(as("kp-1", Role.KEY_PERSON, "setting-1"), "update-1"));
        get(as("manager-9", Role.MANAGER, "setting-2"), "update-1").expectStatus().isForbidden();
    }

    @Test
    void anUnknownUpdateIsNotFound() {
        notFound(get(as("kp-1", Role.KEY_PERSON, "setting-1"), "unknown"));
        notFound(get(as("carer-1", Role.CARER, "family-1"), "unknown"));
    }

    @Test
    void aCarerReadsTheTranslationIntoTheirLanguageWithTheOriginalAndStaffReadTheOriginal() {
        views.lookups.on(new CarerJoinedFamily("family-1", "setting-1", "carer-1", "Anna", "mother", null, null, "pl",
                List.of(Channel.APP), null));
        views.lookups.on(new CarerJoinedFamily("family-1", "setting-1", "carer-2", "Tom", "father", null, null, "en",
                List.of(Channel.APP), null));
        ObservationShared shared = observation("update-1", "child-1");
        views.timeline.on(new UpdateTranslated("update-1", "child-1", "family-1", "setting-1", "pl", "en",
                "[pl] " + shared.text(), null, "deepl", shared.sharedAt()));

        get(as("carer-1", Role.CARER, "family-1"), "update-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.text").isEqualTo("[pl] " + shared.text())
                .jsonPath("$.translated").isEqualTo(true)
                .jsonPath("$.originalText").isEqualTo(shared.text())
                .jsonPath("$.originalLanguage").isEqualTo("en");
        get(as("carer-2", Role.CARER, "family-1"), "update-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.text").isEqualTo(shared.text())
                .jsonPath("$.translated").isEqualTo(false);
        get(as("kp-1", Role.KEY_PERSON, "setting-1"), "update-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.text").isEqualTo(shared.text())
                .jsonPath("$.translated").isEqualTo(false)
                .jsonPath("$.translations.pl.text").isEqualTo("[pl] " + shared.text());
    }

    @Test
    void staffReadACarersReplyWithItsTranslationBesideIt() {
        views.timeline.on(reply("reply-9", "update-1", "family-1", "carer-1", 7));
        views.timeline.on(new ReplyTranslated("reply-9", "update-1", "child-1", "family-1", "setting-1", "carer-1",
                "en", "pl", "Thank you, in English.", "deepl", Instant.parse("2026-11-23T10:00:00Z")));

        get(as("kp-1", Role.KEY_PERSON, "setting-1"), "update-1")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.replies[0].text").isEqualTo("Thank you.")
                .jsonPath("$.replies[0].translatedText").isEqualTo("Thank you, in English.")
                .jsonPath("$.replies[0].translatedLanguage").isEqualTo("en");
    }
}
