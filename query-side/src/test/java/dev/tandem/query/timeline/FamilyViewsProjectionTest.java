package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.query.TestMongo;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.inbox.InboxProjection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The timeline and inbox projections, driven by calling their handlers as the processor would. */
class FamilyViewsProjectionTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    private TestMongo mongo;
    private QueryDirectory directory;
    private TimelineProjection timeline;
    private InboxProjection inbox;
    private SimpleQueryUpdateEmitter emitter;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        directory = new QueryDirectory(mongo.template());
        timeline = new TimelineProjection(mongo.template(), directory, emitter);
        timeline.afterPropertiesSet();
        inbox = new InboxProjection(mongo.template(), directory);
        inbox.afterPropertiesSet();
        directory.on(new FamilyRegistered("family-1", "setting-1", "Nowak", "manager-1"));
        directory.on(new StaffMemberRegistered("setting-1", "kp-1", "Kira Key", "kira@example.com",
                Set.of(Role.KEY_PERSON), "manager-1"));
        directory.on(new ChildRegistered("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia Nowak",
                LocalDate.of(2023, 3, 14), "manager-1"));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private static ObservationShared observation(String updateId, Instant at) {
        return new ObservationShared(updateId, "child-1", "family-1", "setting-1", "kp-1",
                "Counted six blocks.", Set.of(EyfsArea.MATHEMATICS), "Count beyond ten.", at);
    }

    private static ParentReplied reply(String replyId, String updateId) {
        return new ParentReplied(replyId, updateId, "child-1", "family-1", "carer-1", "Dziękuję!", Channel.SMS,
                NINE.plusSeconds(600));
    }

    @Test
    void observationAppearsInTheFamilysTimelineWithTheChildAndAuthorNames() throws Exception {
        timeline.on(observation("update-1", NINE));

        TimelinePage page = timeline.handle(new FetchFamilyTimeline("family-1", 50, null, null)).get();

        assertThat(page.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(TimelineEntry.EntryType.OBSERVATION);
            assertThat(entry.childName()).isEqualTo("Zofia Nowak");
            assertThat(entry.author()).isEqualTo(new TimelineEntry.Author("kp-1", "Kira Key"));
            assertThat(entry.text()).isEqualTo("Counted six blocks.");
            assertThat(entry.areas()).containsExactly(EyfsArea.MATHEMATICS);
            assertThat(entry.nextSteps()).isEqualTo("Count beyond ten.");
            assertThat(entry.occurredAt()).isEqualTo(NINE);
        });
        assertThat(page.next()).isNull();
        assertThat(timeline.handle(new FetchFamilyTimeline("family-2", 50, null, null)).get().entries()).isEmpty();
    }

    @Test
    void aReplyIsThreadedUnderItsEntryAndLandsInTheKeyPersonsInbox() throws Exception {
        timeline.on(observation("update-1", NINE));
        timeline.on(reply("reply-1", "update-1"));
        inbox.on(reply("reply-1", "update-1"));

        TimelineEntry entry = timeline.handle(new FetchFamilyTimeline("family-1", 50, null, null)).get().entries().get(0);
        assertThat(entry.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.id()).isEqualTo("reply-1");
            assertThat(reply.text()).isEqualTo("Dziękuję!");
            assertThat(reply.channel()).isEqualTo("SMS");
        });
        StaffInbox items = inbox.handle(new FetchStaffInbox("kp-1")).get();
        assertThat(items.items()).singleElement().satisfies(item -> {
            assertThat(item.updateId()).isEqualTo("update-1");
            assertThat(item.familyId()).isEqualTo("family-1");
            assertThat(item.text()).isEqualTo("Dziękuję!");
        });
        assertThat(inbox.handle(new FetchStaffInbox("kp-2")).get().items()).isEmpty();
    }

    @Test
    void aKeyPersonsChildrenAreListedByName() throws Exception {
        directory.on(new ChildRegistered("child-2", "setting-1", "family-2", "room-1", "kp-1", "Adam Khan",
                LocalDate.of(2022, 7, 1), "manager-1"));
        directory.on(new ChildRegistered("child-3", "setting-1", "family-3", "room-1", "kp-2", "Bea Lee",
                LocalDate.of(2022, 8, 1), "manager-1"));

        assertThat(directory.handle(new FetchKeyChildren("kp-1")).get().children())
                .extracting(KeyChildren.Child::name).containsExactly("Adam Khan", "Zofia Nowak");
    }

    @Test
    void replayingTheSameEventsChangesNothing() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            timeline.on(observation("update-1", NINE));
            timeline.on(reply("reply-1", "update-1"));
            inbox.on(reply("reply-1", "update-1"));
        }

        TimelinePage page = timeline.handle(new FetchFamilyTimeline("family-1", 50, null, null)).get();
        assertThat(page.entries()).hasSize(1);
        assertThat(page.entries().get(0).replies()).hasSize(1);
        assertThat(inbox.handle(new FetchStaffInbox("kp-1")).get().items()).hasSize(1);
    }

    @Test
    void theTimelineIsPagedNewestFirstWithACursor() throws Exception {
        for (int i = 1; i <= 5; i++) {
            timeline.on(observation("update-" + i, NINE.plusSeconds(60L * i)));
        }

        TimelinePage first = timeline.handle(new FetchFamilyTimeline("family-1", 2, null, null)).get();
        TimelinePage second = timeline.handle(new FetchFamilyTimeline("family-1", 2, first.next(), null)).get();
        TimelinePage last = timeline.handle(new FetchFamilyTimeline("family-1", 2, second.next(), null)).get();

        assertThat(first.entries()).extracting(TimelineEntry::id).containsExactly("update-5", "update-4");
        assertThat(second.entries()).extracting(TimelineEntry::id).containsExactly("update-3", "update-2");
        assertThat(last.entries()).extracting(TimelineEntry::id).containsExactly("update-1");
        assertThat(last.next()).isNull();
    }

    @Test
    void liveSubscribersOfTheFamilyAreSentEachNewOrChangedEntry() throws Exception {
        UpdateHandlerRegistration<Object> subscription = emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new FetchFamilyTimeline("family-1", 1, null, null),
                        ResponseTypes.instanceOf(TimelinePage.class), ResponseTypes.instanceOf(TimelineEntry.class)),
                16);

        timeline.on(observation("update-1", NINE));
        timeline.on(reply("reply-1", "update-1"));
        subscription.complete();

        StepVerifier.create(subscription.getUpdates().map(update -> (TimelineEntry) update.getPayload()))
                .assertNext(entry -> assertThat(entry.replies()).isEmpty())
                .assertNext(entry -> assertThat(entry.replies()).extracting(TimelineEntry.Reply::id)
                        .containsExactly("reply-1"))
                .verifyComplete();
    }
}
