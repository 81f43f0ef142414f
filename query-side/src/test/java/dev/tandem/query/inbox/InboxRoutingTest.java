package dev.tandem.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.common.Channel;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.query.timeline.FamilyViews;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whose inbox a carer's reply lands in. */
class InboxRoutingTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();

    private List<StaffInbox.Item> inboxOf(String staffId) throws Exception {
        return views.inbox.handle(new FetchStaffInbox(staffId)).get().items();
    }

    @Test
    void aReplyToAnAnnouncementGoesToItsAuthor() throws Exception {
        views.lookups.on(new AnnouncementBroadcast("announcement-1", "setting-1", null, "manager-1", "Closed Monday",
                "Boiler repair.", null, false, List.of(new Recipient("family-2", Set.of("child-2"))), NINE));

        views.inbox.on(new ParentReplied("reply-1", "announcement-1", null, "family-2", "carer-5", "Thanks.",
                Channel.APP, NINE.plusSeconds(60)));

        assertThat(inboxOf("manager-1")).singleElement().satisfies(item -> {
            assertThat(item.replyId()).isEqualTo("reply-1");
            assertThat(item.updateId()).isEqualTo("announcement-1");
            assertThat(item.childId()).isNull();
            assertThat(item.familyId()).isEqualTo("family-2");
        });
        assertThat(inboxOf("kp-2")).isEmpty();
    }

    @Test
    void aReplyAboutAMeetingBookedByAManagerGoesToTheChildsKeyPerson() throws Exception {
        views.lookups.on(new MeetingBooked("meeting-1", "child-2", "family-2", "setting-1", "kp-2", "manager-1",
                NINE.plusSeconds(86_400), 30, "Office", "Transition to school", NINE));

        views.inbox.on(new ParentReplied("reply-1", "meeting-1", "child-2", "family-2", "carer-5", "See you then.",
                Channel.SMS, NINE.plusSeconds(60)));

        assertThat(inboxOf("kp-2")).extracting(StaffInbox.Item::replyId).containsExactly("reply-1");
        assertThat(inboxOf("manager-1")).isEmpty();
    }

    @Test
    void aMessageAnsweringNoUpdateGoesToTheChildsKeyPersonNewestFirst() throws Exception {
        views.inbox.on(new CarerMessageReceived("message-1", "child-1", "family-1", "carer-1", "She has a cold.",
                Channel.SMS, NINE));
        views.inbox.on(new CarerMessageReceived("message-2", "child-1", "family-1", "carer-1", "Better now.",
                Channel.SMS, NINE.plusSeconds(3600)));

        assertThat(inboxOf("kp-1")).extracting(StaffInbox.Item::replyId).containsExactly("message-2", "message-1");
    }

    @Test
    void aTranslatedMessageShowsTheTranslationWithWhatTheCarerWrote() throws Exception {
        views.inbox.on(new CarerMessageReceived("message-1", "child-1", "family-1", "carer-1", "Ona ma katar.",
                Channel.SMS, NINE));
        ReplyTranslated translated = new ReplyTranslated("message-1", null, "child-1", "family-1", "setting-1",
                "carer-1", "en", "pl", "She has a cold.", "deepl", NINE.plusSeconds(2));

        views.inbox.on(translated);
        views.inbox.on(translated);

        assertThat(inboxOf("kp-1")).singleElement().satisfies(item -> {
            assertThat(item.text()).isEqualTo("She has a cold.");
            assertThat(item.translated()).isTrue();
            assertThat(item.originalText()).isEqualTo("Ona ma katar.");
            assertThat(item.originalLanguage()).isEqualTo("pl");
        });
    }

    @Test
    void anUntranslatedMessageIsAsWritten() throws Exception {
        views.inbox.on(new CarerMessageReceived("message-1", "child-1", "family-1", "carer-1", "She has a cold.",
                Channel.SMS, NINE));

        assertThat(inboxOf("kp-1")).singleElement().satisfies(item -> {
            assertThat(item.translated()).isFalse();
            assertThat(item.originalText()).isNull();
        });
    }
}
