package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelineEntry.EntryType;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.directory.DirectoryDocuments.UpdateDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Meetings, feedback and announcements in families' timelines; acknowledgements and withdrawal. */
class UpdateKindsTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant MEETING_AT = Instant.parse("2026-11-30T15:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final TimelineProjection timeline = views.timeline;

    static MeetingBooked meeting(String meetingId, Instant startsAt) {
        return new MeetingBooked(meetingId, "child-1", "family-1", "setting-1", "kp-1", "kp-1", startsAt, 30,
                "Caterpillars room", "Settling-in review", NINE);
    }

    static AnnouncementBroadcast announcement(String updateId) {
        return new AnnouncementBroadcast(updateId, "setting-1", "room-1", "manager-1", "Nativity play",
                "Costumes by Friday, please.", LocalDate.of(2026, 12, 18), true,
                List.of(new Recipient("family-1", Set.of("child-1", "child-3")),
                        new Recipient("family-2", Set.of("child-2"))),
                NINE);
    }

    private static ParentReplied announcementReply(String replyId, String familyId, String carerId) {
        return new ParentReplied(replyId, "announcement-1", null, familyId, carerId, "Will do.", Channel.APP,
                NINE.plusSeconds(60));
    }

    private static UpdateWithdrawn withdrawal(String updateId, String childId, List<String> familyIds) {
        return new UpdateWithdrawn(updateId, "setting-1", childId, familyIds, "Wrong family.", "kp-1",
                NINE.plusSeconds(3600));
    }

    private static ObservationShared observation(String updateId) {
        return new ObservationShared(updateId, "child-1", "family-1", "setting-1", "kp-1", "Painted a tiger.",
                Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null, NINE);
    }

    private TimelineEntry only(String familyId) throws Exception {
        List<TimelineEntry> entries = views.entries(familyId, null);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void aBookedMeetingShowsItsPurposeTimeAndPlace() throws Exception {
        timeline.on(meeting("meeting-1", MEETING_AT));

        TimelineEntry entry = only("family-1");
        assertThat(entry.id()).isEqualTo("meeting-1");
        assertThat(entry.type()).isEqualTo(EntryType.MEETING);
        assertThat(entry.childName()).isEqualTo("Zofia Nowak");
        assertThat(entry.text()).isEqualTo("Settling-in review");
        assertThat(entry.occurredAt()).isEqualTo(NINE);
        assertThat(entry.meeting()).isEqualTo(new TimelineEntry.Meeting(MEETING_AT, 30, "Caterpillars room", "BOOKED"));
    }

    @Test
    void aRescheduledMeetingKeepsItsEntryAtTheNewTime() throws Exception {
        Instant later = MEETING_AT.plusSeconds(86_400);
        timeline.on(meeting("meeting-1", MEETING_AT));
        timeline.on(new MeetingRescheduled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", MEETING_AT,
                later, 45, "kp-1", NINE.plusSeconds(60)));

        TimelineEntry entry = only("family-1");
        assertThat(entry.meeting()).isEqualTo(new TimelineEntry.Meeting(later, 45, "Caterpillars room", "BOOKED"));
        assertThat(entry.occurredAt()).isEqualTo(NINE);
    }

    @Test
    void aCancelledMeetingStaysInTheTimelineMarkedCancelled() throws Exception {
        timeline.on(meeting("meeting-1", MEETING_AT));
        MeetingCancelled cancelled = new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1",
                MEETING_AT, "Key person ill.", "kp-1", NINE.plusSeconds(60));
        timeline.on(cancelled);
        timeline.on(cancelled);

        TimelineEntry entry = only("family-1");
        assertThat(entry.meeting().status()).isEqualTo("CANCELLED");
        assertThat(entry.meeting().startsAt()).isEqualTo(MEETING_AT);
    }

    @Test
    void feedbackShowsItsTextAndWhatItAnswers() throws Exception {
        timeline.on(new FeedbackGiven("feedback-1", "child-1", "family-1", "setting-1", "kp-1",
                "She loved the tiger too.", "reply-7", NINE));

        TimelineEntry entry = only("family-1");
        assertThat(entry.type()).isEqualTo(EntryType.FEEDBACK);
        assertThat(entry.text()).isEqualTo("She loved the tiger too.");
        assertThat(entry.inReplyTo()).isEqualTo("reply-7");
        assertThat(entry.author().name()).isEqualTo("Kira Key");
    }

    @Test
    void anAnnouncementAppearsOnceInEachRecipientFamilysTimelineUnderItsUpdateId() throws Exception {
        views.lookups.on(announcement("announcement-1"));
        timeline.on(announcement("announcement-1"));
        timeline.on(announcement("announcement-1"));

        for (String familyId : List.of("family-1", "family-2")) {
            TimelineEntry entry = only(familyId);
            assertThat(entry.id()).isEqualTo("announcement-1");
            assertThat(entry.type()).isEqualTo(EntryType.ANNOUNCEMENT);
            assertThat(entry.childId()).isNull();
            assertThat(entry.childName()).isNull();
            assertThat(entry.title()).isEqualTo("Nativity play");
            assertThat(entry.text()).isEqualTo("Costumes by Friday, please.");
            assertThat(entry.eventDate()).isEqualTo(LocalDate.of(2026, 12, 18));
            assertThat(entry.urgent()).isTrue();
        }
        assertThat(views.entries("family-3", null)).isEmpty();
    }

    @Test
    void repliesAndAcknowledgementsToAnAnnouncementStayWithTheFamilyThatMadeThem() throws Exception {
        timeline.on(announcement("announcement-1"));
        timeline.on(announcementReply("reply-1", "family-1", "carer-1"));
        timeline.on(new UpdateAcknowledged("announcement-1", null, "family-1", "carer-1", NINE.plusSeconds(30)));

        TimelineEntry mine = only("family-1");
        assertThat(mine.replies()).extracting(TimelineEntry.Reply::id).containsExactly("reply-1");
        assertThat(mine.acknowledgedBy()).containsExactly("carer-1");
        TimelineEntry theirs = only("family-2");
        assertThat(theirs.replies()).isEmpty();
        assertThat(theirs.acknowledgedBy()).isEmpty();
    }

    @Test
    void eachCarerIsListedOnceAmongThoseWhoAcknowledged() throws Exception {
        timeline.on(observation("update-1"));
        for (String carerId : List.of("carer-1", "carer-2", "carer-1")) {
            timeline.on(new UpdateAcknowledged("update-1", "child-1", "family-1", carerId, NINE.plusSeconds(30)));
        }

        assertThat(only("family-1").acknowledgedBy()).containsExactly("carer-1", "carer-2");
    }

    @Test
    void aWithdrawnAnnouncementVanishesFromEveryFamilysTimeline() throws Exception {
        timeline.on(announcement("announcement-1"));
        timeline.on(observation("update-1"));

        timeline.on(withdrawal("announcement-1", null, List.of("family-1", "family-2")));

        assertThat(views.entries("family-1", null)).extracting(TimelineEntry::id).containsExactly("update-1");
        assertThat(views.entries("family-2", null)).isEmpty();
    }

    @Test
    void aWithdrawnUpdateStaysGoneWhenAReplyOrAcknowledgementArrivesLater() throws Exception {
        timeline.on(meeting("meeting-1", MEETING_AT));
        timeline.on(withdrawal("meeting-1", "child-1", List.of("family-1")));
        timeline.on(new ParentReplied("reply-1", "meeting-1", "child-1", "family-1", "carer-1", "OK", Channel.SMS,
                NINE.plusSeconds(7200)));
        timeline.on(new UpdateAcknowledged("meeting-1", "child-1", "family-1", "carer-1", NINE.plusSeconds(7200)));
        timeline.on(withdrawal("meeting-1", "child-1", List.of("family-1")));

        assertThat(views.entries("family-1", null)).isEmpty();
    }

    @Test
    void liveSubscribersAreToldWhichUpdateWasWithdrawn() {
        UpdateHandlerRegistration<Object> family1 = views.subscribe("family-1", null);
        UpdateHandlerRegistration<Object> family2 = views.subscribe("family-2", "carer-9");

        timeline.on(observation("update-1"));
        timeline.on(withdrawal("update-1", "child-1", List.of("family-1")));
        family1.complete();
        family2.complete();

        StepVerifier.create(family1.getUpdates().map(update -> update.getPayload()))
                .assertNext(change -> assertThat(change).isInstanceOf(TimelineChange.Changed.class))
                .assertNext(change -> assertThat(((TimelineChange.Withdrawn) change).id()).isEqualTo("update-1"))
                .verifyComplete();
        StepVerifier.create(family2.getUpdates()).verifyComplete();
    }

    @Test
    void theStreamSendsAWithdrawalAsAnEventNamedWithdrawnCarryingTheId() {
        StreamPosition position = new StreamPosition("0a1b2c3d", 42);
        assertThat(TimelineController.event(new TimelineChange.Withdrawn("update-1", position))).satisfies(event -> {
            assertThat(event.event()).isEqualTo("withdrawn");
            assertThat(event.id()).isEqualTo("0a1b2c3d.42");
            assertThat(JsonMapper.builder().build().writeValueAsString(event.data())).isEqualTo("{\"id\":\"update-1\"}");
        });
    }

    @Test
    void theSettingOfAnUpdateIsKnownForAnnouncementsAndAfterWithdrawal() {
        views.lookups.on(announcement("announcement-1"));
        views.lookups.on(meeting("meeting-1", MEETING_AT));
        timeline.on(announcement("announcement-1"));
        timeline.on(withdrawal("announcement-1", null, List.of("family-1", "family-2")));

        StepVerifier.create(settingOf("announcement-1")).expectNext("setting-1").verifyComplete();
        StepVerifier.create(settingOf("meeting-1")).expectNext("setting-1").verifyComplete();
        StepVerifier.create(settingOf("unknown")).verifyComplete();
    }

    private Mono<String> settingOf(String updateId) {
        return views.lookups.update(updateId).map(UpdateDocument::settingId);
    }
}
