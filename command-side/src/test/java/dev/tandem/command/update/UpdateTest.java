package dev.tandem.command.update;

import static dev.tandem.api.common.RefusedException.Reason.CONFLICT;
import static dev.tandem.api.common.RefusedException.Reason.FORBIDDEN;
import static dev.tandem.api.common.RefusedException.Reason.NOT_FOUND;
import static dev.tandem.command.update.UpdateWorld.CARER;
import static dev.tandem.command.update.UpdateWorld.KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.MANAGER;
import static dev.tandem.command.update.UpdateWorld.MANAGER_ELSEWHERE;
import static dev.tandem.command.update.UpdateWorld.NOW;
import static dev.tandem.command.update.UpdateWorld.OTHER_KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.refused;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.api.update.WithdrawUpdate;
import dev.tandem.command.announcement.Announcement;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.observation.Observation;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What applies to every kind of update: replies, acknowledgements, withdrawal. An observation stands
 * for the kinds about one child, an announcement for the kind that reaches many families.
 */
class UpdateTest {

    private static final Actor CARER_2 = new Actor("carer-2", Set.of(Role.CARER));
    private static final Actor CARER_OF_ANOTHER_FAMILY = new Actor("carer-3", Set.of(Role.CARER));

    private final InMemoryRuleLookups lookups = UpdateWorld.lookups();
    private AggregateTestFixture<Observation> fixture;
    private AggregateTestFixture<Announcement> announcements;

    @BeforeEach
    void setUp() {
        fixture = UpdateWorld.fixture(Observation.class, lookups);
        announcements = UpdateWorld.fixture(Announcement.class, lookups);
    }

    private static ObservationShared shared() {
        return new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                "Built a tower of six blocks.", Set.of(EyfsArea.MATHEMATICS), "Count beyond ten.", NOW);
    }

    /** To the whole setting: family-1 through both its children, family-2 through child-3. */
    private static AnnouncementBroadcast announced() {
        return new AnnouncementBroadcast("update-1", "setting-1", null, "manager-1", "Closed Friday",
                "The nursery is closed on Friday.", null, false,
                List.of(new Recipient("family-1", Set.of("child-1", "child-2")), new Recipient("family-2", Set.of("child-3"))),
                NOW);
    }

    private static UpdateWithdrawn withdrawn() {
        return new UpdateWithdrawn("update-1", "setting-1", "child-1", List.of("family-1"), "Wrong child.", "kp-1", NOW);
    }

    private static ParentReplied replied(Channel channel) {
        return new ParentReplied("reply-1", "update-1", "child-1", "family-1", "carer-1", "Thank you!", channel, NOW);
    }

    @Test
    void carerOfTheFamilyRepliesBySms() {
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Thank you!", Channel.SMS))
                .expectEvents(replied(Channel.SMS));
    }

    @Test
    void carerOfTheFamilyRepliesInTheApp() {
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Thank you!", Channel.APP))
                .expectEvents(replied(Channel.APP));
    }

    @Test
    void theSameReplyDeliveredTwiceIsRecordedOnce() {
        fixture.given(shared(), replied(Channel.SMS))
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Thank you!", Channel.SMS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void carerOfAnotherFamilyCannotReplyToThisUpdate() {
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-3", "Hello", Channel.APP))
                .expectException(refused(FORBIDDEN, "not-a-carer-here"))
                .expectNoEvents();
    }

    @Test
    void carerRestrictedFromTheChildCannotReply() {
        lookups.restricted("child-1", "carer-1");
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Hello", Channel.APP))
                .expectException(refused(FORBIDDEN, "carer-restricted"))
                .expectNoEvents();
    }

    @Test
    void withdrawnUpdateCannotBeRepliedTo() {
        fixture.given(shared(), withdrawn())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Hello", Channel.APP))
                .expectException(refused(CONFLICT, "update-withdrawn"))
                .expectNoEvents();
    }

    @Test
    void carerOfARecipientFamilyRepliesToAnAnnouncementAboutNoOneChild() {
        announcements.given(announced())
                .when(new RecordParentReply("update-1", "reply-1", "carer-3", "See you Monday.", Channel.APP))
                .expectEvents(new ParentReplied("reply-1", "update-1", null, "family-2", "carer-3", "See you Monday.",
                        Channel.APP, NOW));
    }

    @Test
    void carerRestrictedFromOnlyOneOfTheirChildrenMayStillReplyToAnAnnouncement() {
        lookups.restricted("child-1", "carer-1");
        announcements.given(announced())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Noted.", Channel.APP))
                .expectEvents(new ParentReplied("reply-1", "update-1", null, "family-1", "carer-1", "Noted.",
                        Channel.APP, NOW));
    }

    @Test
    void carerRestrictedFromAllTheirChildrenItWentThroughCannotReplyToAnAnnouncement() {
        lookups.restricted("child-1", "carer-1").restricted("child-2", "carer-1");
        announcements.given(announced())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Noted.", Channel.APP))
                .expectException(refused(FORBIDDEN, "carer-restricted"))
                .expectNoEvents();
    }

    @Test
    void carerOfAFamilyTheAnnouncementDidNotReachCannotReply() {
        announcements.given(new AnnouncementBroadcast("update-1", "setting-1", "room-2", "kp-2", "Trip", "Zoo trip.", null,
                        false, List.of(new Recipient("family-2", Set.of("child-3"))), NOW))
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Us too?", Channel.APP))
                .expectException(refused(FORBIDDEN, "not-a-carer-here"))
                .expectNoEvents();
    }

    @Test
    void carerAcknowledgesAnUpdateAboutTheirChild() {
        fixture.given(shared())
                .when(new AcknowledgeUpdate("update-1", CARER))
                .expectEvents(new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NOW));
    }

    @Test
    void eachCarerOfTheFamilyAcknowledgesForThemselves() {
        fixture.given(shared(), new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NOW))
                .when(new AcknowledgeUpdate("update-1", CARER_2))
                .expectEvents(new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-2", NOW));
    }

    @Test
    void aRepeatedAcknowledgementRecordsNothing() {
        fixture.given(shared(), new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NOW))
                .when(new AcknowledgeUpdate("update-1", CARER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void carerAcknowledgesAnAnnouncementToTheirFamily() {
        announcements.given(announced())
                .when(new AcknowledgeUpdate("update-1", CARER_OF_ANOTHER_FAMILY))
                .expectEvents(new UpdateAcknowledged("update-1", null, "family-2", "carer-3", NOW));
    }

    @Test
    void carerOfAnotherFamilyCannotAcknowledge() {
        fixture.given(shared())
                .when(new AcknowledgeUpdate("update-1", CARER_OF_ANOTHER_FAMILY))
                .expectException(refused(FORBIDDEN, "not-a-carer-here"))
                .expectNoEvents();
    }

    @Test
    void staffWhoAreNoCarerCannotAcknowledge() {
        fixture.given(shared())
                .when(new AcknowledgeUpdate("update-1", KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-a-carer-here"))
                .expectNoEvents();
    }

    @Test
    void carerRestrictedFromTheChildCannotAcknowledge() {
        lookups.restricted("child-1", "carer-1");
        fixture.given(shared())
                .when(new AcknowledgeUpdate("update-1", CARER))
                .expectException(refused(FORBIDDEN, "carer-restricted"))
                .expectNoEvents();
    }

    @Test
    void withdrawnUpdateCannotBeAcknowledged() {
        fixture.given(shared(), withdrawn())
                .when(new AcknowledgeUpdate("update-1", CARER))
                .expectException(refused(CONFLICT, "update-withdrawn"))
                .expectNoEvents();
    }

    @Test
    void authorWithdrawsTheirUpdate() {
        fixture.given(shared())
                .when(new WithdrawUpdate("update-1", "Wrong child.", KEY_PERSON))
                .expectEvents(withdrawn());
    }

    @Test
    void managerOfTheSettingWithdrawsAnyonesUpdate() {
        fixture.given(shared())
                .when(new WithdrawUpdate("update-1", "Wrong child.", MANAGER))
                .expectEvents(new UpdateWithdrawn("update-1", "setting-1", "child-1", List.of("family-1"),
                        "Wrong child.", "manager-1", NOW));
    }

    @Test
    void withdrawnAnnouncementNamesEveryFamilyItWentTo() {
        announcements.given(announced())
                .when(new WithdrawUpdate("update-1", "Wrong date.", MANAGER))
                .expectEvents(new UpdateWithdrawn("update-1", "setting-1", null, List.of("family-1", "family-2"),
                        "Wrong date.", "manager-1", NOW));
    }

    @Test
    void anotherKeyPersonCannotWithdrawAnUpdate() {
        fixture.given(shared())
                .when(new WithdrawUpdate("update-1", "Mine now.", OTHER_KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-author"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotWithdrawAnUpdate() {
        fixture.given(shared())
                .when(new WithdrawUpdate("update-1", "No.", MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-author"))
                .expectNoEvents();
    }

    @Test
    void carerCannotWithdrawAnUpdate() {
        fixture.given(shared())
                .when(new WithdrawUpdate("update-1", "Please remove.", CARER))
                .expectException(refused(FORBIDDEN, "not-author"))
                .expectNoEvents();
    }

    @Test
    void withdrawingTwiceRecordsNothing() {
        fixture.given(shared(), withdrawn())
                .when(new WithdrawUpdate("update-1", "Again.", KEY_PERSON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnknownUpdateIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AcknowledgeUpdate("no-such-update", CARER))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
