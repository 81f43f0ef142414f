package dev.tandem.command.feedback;

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

import dev.tandem.api.common.Actor;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.feedback.GiveFeedback;
import dev.tandem.command.lookup.RuleLookups.UpdateEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.update.UpdateWorld;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedbackTest {

    private final InMemoryRuleLookups lookups = UpdateWorld.lookups()
            .update(new UpdateEntry("observation-1", "setting-1", "child-1", Set.of("family-1")))
            .update(new UpdateEntry("observation-3", "setting-1", "child-3", Set.of("family-2")))
            .update(new UpdateEntry("announcement-1", "setting-1", null, Set.of("family-1", "family-2")))
            .reply("reply-1", "family-1")
            .reply("reply-3", "family-2");
    private AggregateTestFixture<Feedback> fixture;

    @BeforeEach
    void setUp() {
        fixture = UpdateWorld.fixture(Feedback.class, lookups);
    }

    private static GiveFeedback give(String inReplyTo, Actor actor) {
        return new GiveFeedback("feedback-1", "child-1", "Lovely to hear!", inReplyTo, actor);
    }

    private static FeedbackGiven given(String inReplyTo, String authorId) {
        return new FeedbackGiven("feedback-1", "child-1", "family-1", "setting-1", authorId, "Lovely to hear!",
                inReplyTo, NOW);
    }

    @Test
    void keyPersonGivesFeedbackAboutTheirKeyChild() {
        fixture.givenNoPriorActivity()
                .when(give(null, KEY_PERSON))
                .expectEvents(given(null, "kp-1"));
    }

    @Test
    void managerGivesFeedbackAboutAnyChildOfTheSetting() {
        fixture.givenNoPriorActivity()
                .when(give(null, MANAGER))
                .expectEvents(given(null, "manager-1"));
    }

    @Test
    void feedbackAnswersAnUpdateToTheChildsFamily() {
        fixture.givenNoPriorActivity()
                .when(give("observation-1", KEY_PERSON))
                .expectEvents(given("observation-1", "kp-1"));
    }

    @Test
    void feedbackAnswersAnAnnouncementThatWentToTheChildsFamily() {
        fixture.givenNoPriorActivity()
                .when(give("announcement-1", KEY_PERSON))
                .expectEvents(given("announcement-1", "kp-1"));
    }

    @Test
    void feedbackAnswersAReplyByACarerOfTheChildsFamily() {
        fixture.givenNoPriorActivity()
                .when(give("reply-1", KEY_PERSON))
                .expectEvents(given("reply-1", "kp-1"));
    }

    @Test
    void feedbackCannotAnswerAnUpdateToAnotherFamily() {
        fixture.givenNoPriorActivity()
                .when(give("observation-3", KEY_PERSON))
                .expectException(refused(CONFLICT, "in-reply-to-unknown"))
                .expectNoEvents();
    }

    @Test
    void feedbackCannotAnswerAReplyOfAnotherFamily() {
        fixture.givenNoPriorActivity()
                .when(give("reply-3", KEY_PERSON))
                .expectException(refused(CONFLICT, "in-reply-to-unknown"))
                .expectNoEvents();
    }

    @Test
    void feedbackCannotAnswerSomethingUnknown() {
        fixture.givenNoPriorActivity()
                .when(give("no-such-thing", KEY_PERSON))
                .expectException(refused(CONFLICT, "in-reply-to-unknown"))
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotGiveFeedbackAboutAnotherKeyPersonsChild() {
        fixture.givenNoPriorActivity()
                .when(give(null, OTHER_KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotGiveFeedback() {
        fixture.givenNoPriorActivity()
                .when(give(null, MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void carerCannotGiveFeedback() {
        fixture.givenNoPriorActivity()
                .when(give(null, CARER))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void feedbackAboutAnUnknownChildIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new GiveFeedback("feedback-1", "no-such-child", "Hello", null, KEY_PERSON))
                .expectException(refused(NOT_FOUND, "unknown-child"))
                .expectNoEvents();
    }
}
