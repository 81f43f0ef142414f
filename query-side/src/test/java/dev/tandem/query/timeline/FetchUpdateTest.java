package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelineEntry.EntryType;
import dev.tandem.api.update.FetchUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One update as a timeline entry: a carer's from their family's timeline, staff's across all families. */
class FetchUpdateTest {

    static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final TimelineProjection timeline = views.timeline;

    static ObservationShared observation(String updateId, String childId) {
        return new ObservationShared(updateId, childId, "family-1", "setting-1", "kp-1", "Built a tower.",
                Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), "Count the blocks.", NINE);
    }

    /** To family-1 through child-1 only, and to family-2 through child-2. */
    static AnnouncementBroadcast announcement(String updateId) {
        return new AnnouncementBroadcast(updateId, "setting-1", "room-1", "kp-1", "Closed Monday", "Boiler repair.",
                null, true, List.of(new Recipient("family-1", Set.of("child-1")),
                        new Recipient("family-2", Set.of("child-2"))), NINE);
    }

    static ParentReplied reply(String replyId, String updateId, String familyId, String carerId, int minute) {
        return new ParentReplied(replyId, updateId, null, familyId, carerId, "Thank you.", Channel.APP,
                NINE.plusSeconds(60L * minute));
    }

    static UpdateAcknowledged acknowledgement(String updateId, String familyId, String carerId) {
        return new UpdateAcknowledged(updateId, null, familyId, carerId, NINE.plusSeconds(30));
    }

    static UpdateWithdrawn withdrawal(String updateId, String childId, List<String> familyIds) {
        return new UpdateWithdrawn(updateId, "setting-1", childId, familyIds, "Wrong family.", "kp-1",
                NINE.plusSeconds(3600));
    }

    static CarerRestricted restriction(String carerId, String childId) {
        return new CarerRestricted(childId, "family-1", "setting-1", carerId, "Court order.", "dsl-1", NINE);
    }

    private TimelineEntry asCarer(String updateId, String familyId, String carerId) throws Exception {
        return timeline.handle(new FetchUpdate(updateId, familyId, carerId)).get();
    }

    private TimelineEntry asStaff(String updateId) throws Exception {
        return timeline.handle(new FetchUpdate(updateId, null, null)).get();
    }

    @Test
    void aCarerReadsAnUpdateAsTheirFamilysTimelineShowsIt() throws Exception {
        timeline.on(observation("update-1", "child-1"));
        timeline.on(reply("reply-1", "update-1", "family-1", "carer-1", 5));

        assertThat(asCarer("update-1", "family-1", "carer-1"))
                .isEqualTo(views.entries("family-1", "carer-1").get(0))
                .satisfies(entry -> {
                    assertThat(entry.type()).isEqualTo(EntryType.OBSERVATION);
                    assertThat(entry.childName()).isEqualTo("Zofia Nowak");
                    assertThat(entry.author()).isEqualTo(new TimelineEntry.Author("kp-1", "Kira Key"));
                    assertThat(entry.replies()).extracting(TimelineEntry.Reply::id).containsExactly("reply-1");
                });
    }

    @Test
    void aCarerOfAnotherFamilyGetsNoReply() throws Exception {
        timeline.on(observation("update-1", "child-1"));

        assertThat(asCarer("update-1", "family-2", "carer-3")).isNull();
    }

    @Test
    void aCarerBarredFromTheChildGetsNoReplyWhileTheOtherCarerDoes() throws Exception {
        timeline.on(observation("update-1", "child-1"));
        views.lookups.on(restriction("carer-2", "child-1"));

        assertThat(asCarer("update-1", "family-1", "carer-2")).isNull();
        assertThat(asCarer("update-1", "family-1", "carer-1")).isNotNull();
    }

    @Test
    void aCarerBarredFromEveryChildAnAnnouncementReachedThemThroughGetsNoReply() throws Exception {
        timeline.on(announcement("announcement-1"));
        views.lookups.on(restriction("carer-2", "child-3"));
        assertThat(asCarer("announcement-1", "family-1", "carer-2")).isNotNull();

        views.lookups.on(restriction("carer-2", "child-1"));
        assertThat(asCarer("announcement-1", "family-1", "carer-2")).isNull();
    }

    @Test
    void aCarerSeesOnlyTheirOwnFamilysRepliesToAnAnnouncement() throws Exception {
        timeline.on(announcement("announcement-1"));
        timeline.on(reply("reply-1", "announcement-1", "family-1", "carer-1", 5));
        timeline.on(reply("reply-2", "announcement-1", "family-2", "carer-3", 3));
        timeline.on(acknowledgement("announcement-1", "family-2", "carer-3"));

        TimelineEntry entry = asCarer("announcement-1", "family-1", "carer-1");

        assertThat(entry.replies()).extracting(TimelineEntry.Reply::id).containsExactly("reply-1");
        assertThat(entry.acknowledgedBy()).isEmpty();
    }

    @Test
    void staffReadAnAnnouncementWithTheRepliesAndAcknowledgementsOfAllItsFamiliesOldestFirst() throws Exception {
        timeline.on(announcement("announcement-1"));
        timeline.on(reply("reply-1", "announcement-1", "family-1", "carer-1", 5));
        timeline.on(reply("reply-2", "announcement-1", "family-2", "carer-3", 3));
        timeline.on(reply("reply-3", "announcement-1", "family-1", "carer-2", 9));
        timeline.on(acknowledgement("announcement-1", "family-1", "carer-1"));
        timeline.on(acknowledgement("announcement-1", "family-2", "carer-3"));

        TimelineEntry entry = asStaff("announcement-1");

        assertThat(entry.id()).isEqualTo("announcement-1");
        assertThat(entry.type()).isEqualTo(EntryType.ANNOUNCEMENT);
        assertThat(entry.title()).isEqualTo("Closed Monday");
        assertThat(entry.urgent()).isTrue();
        assertThat(entry.replies()).extracting(TimelineEntry.Reply::id).containsExactly("reply-2", "reply-1", "reply-3");
        assertThat(entry.acknowledgedBy()).containsExactlyInAnyOrder("carer-1", "carer-3");
    }

    @Test
    void staffReadAnUpdateAboutAChildAsItsFamilysEntry() throws Exception {
        timeline.on(observation("update-1", "child-1"));
        timeline.on(reply("reply-1", "update-1", "family-1", "carer-1", 5));

        assertThat(asStaff("update-1")).isEqualTo(views.entries("family-1", null).get(0));
    }

    @Test
    void aWithdrawnUpdateGivesNoReplyToCarersOrStaff() throws Exception {
        timeline.on(observation("update-1", "child-1"));
        timeline.on(announcement("announcement-1"));
        timeline.on(withdrawal("update-1", "child-1", List.of("family-1")));
        timeline.on(withdrawal("announcement-1", null, List.of("family-1", "family-2")));

        assertThat(asCarer("update-1", "family-1", "carer-1")).isNull();
        assertThat(asStaff("update-1")).isNull();
        assertThat(asCarer("announcement-1", "family-2", "carer-3")).isNull();
        assertThat(asStaff("announcement-1")).isNull();
    }

    @Test
    void anUnknownUpdateGivesNoReply() throws Exception {
        assertThat(asStaff("unknown")).isNull();
        assertThat(asCarer("unknown", "family-1", "carer-1")).isNull();
    }
}
