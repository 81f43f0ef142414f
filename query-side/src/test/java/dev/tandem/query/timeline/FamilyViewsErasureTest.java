package dev.tandem.query.timeline;

import static dev.tandem.query.Erasure.ERASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.update.FetchUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.ErasureCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * Erasing a family in the family-views group (timeline, inbox, directory): its personal data goes from
 * every document at once, its timeline keeps its shape, other families keep theirs, a redelivery changes
 * nothing, and a rebuild from the event store (which now reads "[erased]") ends in the same documents.
 */
class FamilyViewsErasureTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final List<String> COLLECTIONS = List.of(TimelineEntryDocument.COLLECTION,
            ReplayDocuments.Withdrawal.COLLECTION, ReplayDocuments.AccessChange.COLLECTION,
            ReplayDocuments.Sequence.COLLECTION, "inbox_items", "directory_children", "directory_staff",
            "directory_families", "directory_restrictions", "directory_updates");
    /** Everything personal that family-1 (children child-1 and child-3, carers carer-1 and carer-2) was told or said. */
    private static final List<String> PERSONAL = List.of("Zofia Nowak", "Jan Nowak", "Counted six blocks",
            "Count beyond ten", "Sang in Polish", "Caterpillars room", "Settling-in review", "Lovely to hear",
            "She counts at home", "Can we talk about naps", "Zofia will be a sheep", "Jan drew a dragon");
    private static final FamilyErased ERASURE = new FamilyErased("family-1", "setting-1",
            List.of("carer-1", "carer-2"), List.of("child-1", "child-3"), List.of(), "Asked to be forgotten.",
            "manager-1", NINE.plusSeconds(86_400));

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    @RegisterExtension
    final FamilyViews rebuilt = new FamilyViews();

    private static ErasureCheck check(FamilyViews views) {
        return new ErasureCheck(views.mongo.template(), COLLECTIONS, FamilyViewsErasureTest::ofFamilyOne,
                views.lookups, views.timeline, views.inbox);
    }

    private static boolean ofFamilyOne(Document document) {
        return "family-1".equals(document.get("familyId"))
                || List.of("family-1", "child-1", "child-3").contains(document.get("_id"))
                // the change counter: erasing numbers its changes
                || ReplayDocuments.Sequence.ID.equals(document.get("_id"));
    }

    /**
     * What both families went through, with {@code erased} as the event store reads it once family-1's
     * keys are shredded: its personal texts read "[erased]"; what the setting announced, and all of
     * family-2's, read as they were.
     */
    private static List<Object> history(boolean erased) {
        UnaryOperator<String> personal = text -> erased ? ERASED : text;
        return List.of(
                new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                        personal.apply("Counted six blocks."), Set.of(EyfsArea.MATHEMATICS),
                        personal.apply("Count beyond ten."), NINE),
                new ObservationShared("update-2", "child-3", "family-1", "setting-1", "kp-1",
                        personal.apply("Sang in Polish."), Set.of(EyfsArea.COMMUNICATION_AND_LANGUAGE), null,
                        NINE.plusSeconds(60)),
                new CarerRestricted("child-3", "family-1", "setting-1", "carer-2", personal.apply("Court order."),
                        "dsl-1", NINE.plusSeconds(120)),
                new ObservationShared("update-3", "child-3", "family-1", "setting-1", "kp-1",
                        personal.apply("Jan drew a dragon."), Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null,
                        NINE.plusSeconds(180)),
                new UpdateWithdrawn("update-3", "setting-1", "child-3", List.of("family-1"), "Wrong child.", "kp-1",
                        NINE.plusSeconds(240)),
                new MeetingBooked("meeting-1", "child-1", "family-1", "setting-1", "kp-1", "kp-1",
                        NINE.plusSeconds(7 * 86_400), 30, personal.apply("Caterpillars room"),
                        personal.apply("Settling-in review"), NINE.plusSeconds(300)),
                new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1",
                        NINE.plusSeconds(7 * 86_400), personal.apply("Zofia is poorly."), "carer-1",
                        NINE.plusSeconds(360)),
                new ParentReplied("reply-1", "update-1", "child-1", "family-1", "carer-1",
                        personal.apply("Dziękuję! She counts at home too."), Channel.SMS, NINE.plusSeconds(420)),
                new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NINE.plusSeconds(430)),
                new FeedbackGiven("feedback-1", "child-1", "family-1", "setting-1", "kp-1",
                        personal.apply("Lovely to hear she counts at home."), "reply-1", NINE.plusSeconds(480)),
                new CarerMessageReceived("reply-2", "child-1", "family-1", "carer-1",
                        personal.apply("Can we talk about naps?"), Channel.APP, NINE.plusSeconds(540)),
                new AnnouncementBroadcast("announcement-1", "setting-1", "room-1", "manager-1", "Nativity play",
                        "Costumes by Friday, please.", LocalDate.of(2026, 12, 18), true,
                        List.of(new Recipient("family-1", Set.of("child-1", "child-3")),
                                new Recipient("family-2", Set.of("child-2"))), NINE.plusSeconds(600)),
                new ParentReplied("reply-3", "announcement-1", null, "family-1", "carer-2",
                        personal.apply("Zofia will be a sheep."), Channel.APP, NINE.plusSeconds(660)),
                new ParentReplied("reply-4", "announcement-1", null, "family-2", "carer-3", "Adam will be a star.",
                        Channel.APP, NINE.plusSeconds(670)),
                new ObservationShared("update-9", "child-2", "family-2", "setting-1", "kp-2", "Stacked cups.",
                        Set.of(EyfsArea.MATHEMATICS), "Stack five.", NINE.plusSeconds(700)),
                new ParentReplied("reply-5", "update-9", "child-2", "family-2", "carer-3", "Adam loves cups.",
                        Channel.SMS, NINE.plusSeconds(760)));
    }

    @Test
    void nothingPersonalOfTheErasedFamilyRemainsAndTheOtherFamilyKeepsEverything() throws Exception {
        check(views).erasing(history(false), ERASURE, PERSONAL);
    }

    @Test
    void theErasedTimelineKeepsItsShapeWithEveryPersonalTextErased() throws Exception {
        check(views).project(history(false));
        List<TimelineEntry> before = views.entries("family-1", null);

        check(views).project(List.of(ERASURE));

        List<TimelineEntry> after = views.entries("family-1", null);
        assertThat(after).extracting(TimelineEntry::id, TimelineEntry::type, TimelineEntry::childId,
                        TimelineEntry::occurredAt, TimelineEntry::areas, TimelineEntry::author,
                        TimelineEntry::acknowledgedBy)
                .isEqualTo(before.stream().map(entry -> tuple(entry.id(), entry.type(),
                        entry.childId(), entry.occurredAt(), entry.areas(), entry.author(), entry.acknowledgedBy()))
                        .toList());
        assertThat(after).filteredOn(entry -> entry.type() != TimelineEntry.EntryType.ANNOUNCEMENT)
                .allSatisfy(entry -> {
                    assertThat(entry.text()).isEqualTo(ERASED);
                    assertThat(entry.childName()).isEqualTo(ERASED);
                });
        assertThat(after).filteredOn(entry -> entry.id().equals("update-1")).singleElement().satisfies(entry -> {
            assertThat(entry.nextSteps()).isEqualTo(ERASED);
            assertThat(entry.replies()).extracting(TimelineEntry.Reply::id, TimelineEntry.Reply::text,
                    TimelineEntry.Reply::channel).containsExactly(tuple("reply-1",
                    ERASED, "SMS"));
        });
        assertThat(after).filteredOn(entry -> entry.id().equals("update-2")).singleElement()
                .satisfies(entry -> assertThat(entry.nextSteps()).as("nothing stays nothing").isNull());
        assertThat(after).filteredOn(entry -> entry.id().equals("meeting-1")).singleElement()
                .satisfies(entry -> assertThat(entry.meeting()).isEqualTo(new TimelineEntry.Meeting(
                        NINE.plusSeconds(7 * 86_400), 30, ERASED, "CANCELLED")));
        assertThat(after).filteredOn(entry -> entry.id().equals("announcement-1")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.title()).isEqualTo("Nativity play");
                    assertThat(entry.text()).isEqualTo("Costumes by Friday, please.");
                    assertThat(entry.replies()).extracting(TimelineEntry.Reply::text).containsExactly(ERASED);
                });
        assertThat(views.timeline.handle(new FetchUpdate("announcement-1", null, null)).get()
                .replies()).extracting(TimelineEntry.Reply::text).containsExactly(ERASED, "Adam will be a star.");
    }

    @Test
    void theInboxAndTheDirectoryKeepNothingOfTheFamilyButWhatOtherFamiliesNeed() throws Exception {
        check(views).project(history(false));
        check(views).project(List.of(ERASURE));

        List<StaffInbox.Item> kira = views.inbox.handle(new FetchStaffInbox("kp-1")).get().items();
        assertThat(kira).extracting(StaffInbox.Item::replyId).containsExactlyInAnyOrder("reply-1", "reply-2");
        assertThat(kira).extracting(StaffInbox.Item::text).containsOnly(ERASED);
        assertThat(views.inbox.handle(new FetchStaffInbox("kp-2")).get().items())
                .extracting(StaffInbox.Item::text).containsExactly("Adam loves cups.");
        assertThat(views.lookups.handle(new FetchKeyChildren("kp-1")).get().children()).isEmpty();
        assertThat(views.lookups.handle(new FetchKeyChildren("kp-2")).get().children())
                .extracting(KeyChildren.Child::name).containsExactly("Adam Khan");
        assertThat(views.lookups.family("family-1").block()).satisfies(family -> {
            assertThat(family.settingId()).isEqualTo("setting-1");
            assertThat(family.erasedAt()).isEqualTo(ERASURE.erasedAt());
        });
        assertThat(views.lookups.family("family-2").block().erased()).isFalse();
        assertThat(views.lookups.restrictionsInFamily("family-1").block()).isEmpty();
        // nothing tells any more which child carer-2 was barred from
        assertThat(new ErasureCheck(views.mongo.template(), List.of("directory_restrictions",
                ReplayDocuments.AccessChange.COLLECTION), document -> true).documents()).isEmpty();
        assertThat(views.mongo.template().findById("update-3", ReplayDocuments.Withdrawal.class).block())
                .satisfies(withdrawal -> assertThat(withdrawal.hiddenFrom()).isEmpty());
    }

    @Test
    void replayingTheWholeStreamAfterTheErasureEndsInTheSameDocuments() throws Exception {
        Map<String, Document> erasedAtOnce = check(views).erasing(history(false), ERASURE, PERSONAL);
        // A rebuild reads each child's name as "[erased]" too.
        for (String childId : List.of("child-1", "child-3")) {
            rebuilt.lookups.on(new ChildRegistered(childId, "setting-1", "family-1", "room-1", "kp-1", ERASED, null,
                    "manager-1"));
        }
        Map<String, Document> rebuiltAfter = check(rebuilt).rebuilding(history(true), ERASURE);

        // A rebuild numbers its changes afresh.
        String[] positions = {"changeSequence", "sequence", "store", "assigned", "released"};
        assertThat(ErasureCheck.without(rebuiltAfter, positions))
                .isEqualTo(ErasureCheck.without(erasedAtOnce, positions));
    }

    @Test
    void staffStreamsAreSentTheErasedEntriesAndTheFamilysCarersStreamsEnd() throws Exception {
        check(views).project(history(false));
        UpdateHandlerRegistration<Object> staff = views.subscribe("family-1", null);
        UpdateHandlerRegistration<Object> carer = views.subscribe("family-1", "carer-1");
        UpdateHandlerRegistration<Object> otherFamily = views.subscribe("family-2", "carer-3");

        check(views).project(List.of(ERASURE));
        staff.complete();

        StepVerifier.create(carer.getUpdates()).expectComplete().verify(BOUND);
        StepVerifier.create(staff.getUpdates().map(update -> (TimelineChange.Changed) update.getPayload()))
                .recordWith(ArrayList::new)
                .thenConsumeWhile(change -> true)
                .consumeRecordedWith(changes -> {
                    assertThat(changes).extracting(change -> change.entry().id())
                            .containsExactlyInAnyOrder("update-1", "update-2", "meeting-1", "feedback-1",
                                    "announcement-1");
                    assertThat(changes).allSatisfy(change -> assertThat(PERSONAL)
                            .noneMatch(text -> change.entry().toString().contains(text)));
                })
                .expectComplete()
                .verify(BOUND);
        assertThat(views.emitter.activeSubscriptions()).hasSize(1);
        otherFamily.complete();
    }

    @Test
    void aSecondErasureSendsNothingLive() throws Exception {
        check(views).project(history(false));
        check(views).project(List.of(ERASURE));
        UpdateHandlerRegistration<Object> staff = views.subscribe("family-1", null);

        check(views).project(List.of(ERASURE));
        staff.complete();

        StepVerifier.create(staff.getUpdates()).expectComplete().verify(BOUND);
    }
}
