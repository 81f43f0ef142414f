package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import java.time.Instant;
import java.util.Set;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The timeline and inbox projections, driven by calling their handlers as the processor would. */
class FamilyViewsProjectionTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final TimelineProjection timeline = views.timeline;

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

        TimelinePage page = views.page("family-1", 50, null, null);

        assertThat(page.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo("update-1");
            assertThat(entry.type()).isEqualTo(TimelineEntry.EntryType.OBSERVATION);
            assertThat(entry.childName()).isEqualTo("Zofia Nowak");
            assertThat(entry.author()).isEqualTo(new TimelineEntry.Author("kp-1", "Kira Key"));
            assertThat(entry.text()).isEqualTo("Counted six blocks.");
            assertThat(entry.areas()).containsExactly(EyfsArea.MATHEMATICS);
            assertThat(entry.nextSteps()).isEqualTo("Count beyond ten.");
            assertThat(entry.occurredAt()).isEqualTo(NINE);
            assertThat(entry.meeting()).isNull();
        });
        assertThat(page.next()).isNull();
        assertThat(views.entries("family-2", null)).isEmpty();
    }

    @Test
    void aReplyIsThreadedUnderItsEntryAndLandsInTheKeyPersonsInbox() throws Exception {
        timeline.on(observation("update-1", NINE));
        timeline.on(reply("reply-1", "update-1"));
        views.inbox.on(reply("reply-1", "update-1"));

        TimelineEntry entry = views.entries("family-1", null).get(0);
        assertThat(entry.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.id()).isEqualTo("reply-1");
            assertThat(reply.text()).isEqualTo("Dziękuję!");
            assertThat(reply.channel()).isEqualTo("SMS");
        });
        StaffInbox items = views.inbox.handle(new FetchStaffInbox("kp-1")).get();
        assertThat(items.items()).singleElement().satisfies(item -> {
            assertThat(item.updateId()).isEqualTo("update-1");
            assertThat(item.familyId()).isEqualTo("family-1");
            assertThat(item.text()).isEqualTo("Dziękuję!");
        });
        assertThat(views.inbox.handle(new FetchStaffInbox("kp-2")).get().items()).isEmpty();
    }

    @Test
    void aKeyPersonsChildrenAreListedByName() throws Exception {
        assertThat(views.lookups.handle(new FetchKeyChildren("kp-1")).get().children())
                .extracting(KeyChildren.Child::name).containsExactly("Jan Nowak", "Zofia Nowak");
    }

    @Test
    void replayingTheSameEventsChangesNothing() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            timeline.on(observation("update-1", NINE));
            timeline.on(reply("reply-1", "update-1"));
            views.inbox.on(reply("reply-1", "update-1"));
        }

        TimelinePage page = views.page("family-1", 50, null, null);
        assertThat(page.entries()).hasSize(1);
        assertThat(page.entries().get(0).replies()).hasSize(1);
        assertThat(views.inbox.handle(new FetchStaffInbox("kp-1")).get().items()).hasSize(1);
    }

    @Test
    void theTimelineIsPagedNewestFirstWithACursor() throws Exception {
        for (int i = 1; i <= 5; i++) {
            timeline.on(observation("update-" + i, NINE.plusSeconds(60L * i)));
        }

        TimelinePage first = views.page("family-1", 2, null, null);
        TimelinePage second = views.page("family-1", 2, first.next(), null);
        TimelinePage last = views.page("family-1", 2, second.next(), null);

        assertThat(first.entries()).extracting(TimelineEntry::id).containsExactly("update-5", "update-4");
        assertThat(second.entries()).extracting(TimelineEntry::id).containsExactly("update-3", "update-2");
        assertThat(last.entries()).extracting(TimelineEntry::id).containsExactly("update-1");
        assertThat(last.next()).isNull();
    }

    @Test
    void liveSubscribersOfTheFamilyAreSentEachNewOrChangedEntry() {
        UpdateHandlerRegistration<Object> subscription = views.subscribe("family-1", null);

        timeline.on(observation("update-1", NINE));
        timeline.on(reply("reply-1", "update-1"));
        subscription.complete();

        StepVerifier.create(subscription.getUpdates().map(update -> (TimelineChange.Changed) update.getPayload()))
                .assertNext(change -> assertThat(change.entry().replies()).isEmpty())
                .assertNext(change -> assertThat(change.entry().replies()).extracting(TimelineEntry.Reply::id)
                        .containsExactly("reply-1"))
                .verifyComplete();
    }
}
