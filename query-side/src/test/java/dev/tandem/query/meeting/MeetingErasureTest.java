package dev.tandem.query.meeting;

import static dev.tandem.query.Erasure.ERASED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.meeting.FetchSettingMeetings;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.MeetingStatus;
import dev.tandem.api.meeting.SettingMeetings.Meeting;
import dev.tandem.query.ErasedAndRebuilt;
import dev.tandem.query.ErasureCheck;
import dev.tandem.query.TestMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasing a family in the meetings group: where its meetings were to be held goes, when and with whom
 * stays, other families' meetings are untouched, a redelivery changes nothing, and a rebuild ends the same.
 */
class MeetingErasureTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<String> FAMILY_1_CHILDREN = List.of("child-1", "child-3");
    private static final List<String> PERSONAL = List.of("At the Nowaks' flat, 4 Elm Road", "Caterpillars room");
    private static final FamilyErased ERASURE = new FamilyErased("family-1", "setting-1", List.of("carer-1"),
            FAMILY_1_CHILDREN, List.of(), "Asked to be forgotten.", "manager-1", MONDAY.plusSeconds(86_400));

    @RegisterExtension
    final ErasedAndRebuilt stores = new ErasedAndRebuilt();

    private static MeetingProjection meetings(TestMongo mongo) {
        MeetingProjection meetings = new MeetingProjection(mongo.template());
        meetings.afterPropertiesSet();
        return meetings;
    }

    private static ErasureCheck check(TestMongo mongo) {
        return new ErasureCheck(mongo.template(), List.of("meetings"),
                meeting -> FAMILY_1_CHILDREN.contains(meeting.getString("childId")), meetings(mongo));
    }

    /** With {@code erased}, as the event store reads it once family-1's keys are shredded. */
    private static List<Object> history(boolean erased) {
        UnaryOperator<String> personal = text -> erased ? ERASED : text;
        return List.of(
                new MeetingBooked("home-visit", "child-1", "family-1", "setting-1", "kp-1", "kp-1", MONDAY, 45,
                        personal.apply("At the Nowaks' flat, 4 Elm Road"), personal.apply("Home visit"),
                        MONDAY.minusSeconds(86_400)),
                new MeetingRescheduled("home-visit", "child-1", "family-1", "setting-1", "kp-1", MONDAY,
                        MONDAY.plusSeconds(3600), 30, "kp-1", MONDAY.minusSeconds(3600)),
                new MeetingBooked("review", "child-3", "family-1", "setting-1", "kp-1", "kp-1",
                        MONDAY.plusSeconds(7200), 30, personal.apply("Caterpillars room"),
                        personal.apply("Settling-in review"), MONDAY.minusSeconds(86_400)),
                new MeetingCancelled("review", "child-3", "family-1", "setting-1", "kp-1", MONDAY.plusSeconds(7200),
                        personal.apply("Jan is poorly."), "carer-1", MONDAY),
                new MeetingBooked("other-family", "child-2", "family-2", "setting-1", "kp-2", "kp-2",
                        MONDAY.plusSeconds(3600), 30, "Ladybirds room", "Settling-in review",
                        MONDAY.minusSeconds(86_400)));
    }

    @Test
    void whereTheFamilysMeetingsWereToBeHeldReadsAsErasedAndWhenAndWithWhomStay() throws Exception {
        check(stores.erased).project(history(false));
        check(stores.erased).project(List.of(ERASURE));

        assertThat(meetings(stores.erased).handle(new FetchSettingMeetings("setting-1", null, null)).get().meetings())
                .containsExactly(
                        new Meeting("home-visit", "child-1", "kp-1", MONDAY.plusSeconds(3600), 30, ERASED,
                                MeetingStatus.BOOKED),
                        new Meeting("other-family", "child-2", "kp-2", MONDAY.plusSeconds(3600), 30,
                                "Ladybirds room", MeetingStatus.BOOKED),
                        new Meeting("review", "child-3", "kp-1", MONDAY.plusSeconds(7200), 30, ERASED,
                                MeetingStatus.CANCELLED));
    }

    @Test
    void nothingOfTheFamilyRemainsOthersAreUntouchedAndARebuildEndsTheSame() throws Exception {
        Map<String, Document> erasedAtOnce = check(stores.erased).erasing(history(false), ERASURE, PERSONAL);

        assertThat(check(stores.rebuilt).rebuilding(history(true), ERASURE)).isEqualTo(erasedAtOnce);
    }
}
