package dev.tandem.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.meeting.FetchMeeting;
import dev.tandem.api.meeting.FetchSettingMeetings;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.MeetingStatus;
import dev.tandem.api.meeting.SettingMeetings;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.TestMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A setting's meeting list, driven by calling the projection's handlers as the processor would. */
class MeetingProjectionTest {

    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final long DAY = 86_400;

    private TestMongo mongo;
    private MeetingProjection meetings;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        meetings = new MeetingProjection(mongo.template());
        meetings.afterPropertiesSet();
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    static MeetingBooked booked(String meetingId, String settingId, Instant startsAt) {
        return new MeetingBooked(meetingId, "child-1", "family-1", settingId, "kp-1", "kp-1", startsAt, 30,
                "Caterpillars room", "Settling-in review", MONDAY.minusSeconds(7 * DAY));
    }

    private List<SettingMeetings.Meeting> list(Instant from, Instant to) throws Exception {
        return meetings.handle(new FetchSettingMeetings("setting-1", from, to)).get().meetings();
    }

    private static List<String> ids(List<SettingMeetings.Meeting> found) {
        return found.stream().map(SettingMeetings.Meeting::id).toList();
    }

    @Test
    void aSettingsMeetingsAreListedEarliestFirstWithTheirDetails() throws Exception {
        meetings.on(booked("wednesday", "setting-1", MONDAY.plusSeconds(2 * DAY)));
        meetings.on(booked("monday", "setting-1", MONDAY));
        meetings.on(booked("elsewhere", "setting-2", MONDAY.plusSeconds(DAY)));

        List<SettingMeetings.Meeting> found = list(null, null);

        assertThat(ids(found)).containsExactly("monday", "wednesday");
        assertThat(found.get(0)).isEqualTo(new SettingMeetings.Meeting("monday", "child-1", "kp-1", MONDAY, 30,
                "Caterpillars room", MeetingStatus.BOOKED));
    }

    @Test
    void onlyMeetingsStartingFromFromAndBeforeToAreListed() throws Exception {
        for (int day = 0; day < 5; day++) {
            meetings.on(booked("day-" + day, "setting-1", MONDAY.plusSeconds(day * DAY)));
        }

        assertThat(ids(list(MONDAY.plusSeconds(DAY), MONDAY.plusSeconds(3 * DAY)))).containsExactly("day-1", "day-2");
        assertThat(ids(list(MONDAY.plusSeconds(3 * DAY), null))).containsExactly("day-3", "day-4");
        assertThat(ids(list(null, MONDAY.plusSeconds(DAY)))).containsExactly("day-0");
    }

    @Test
    void aRescheduledMeetingIsListedAtItsCurrentTime() throws Exception {
        meetings.on(booked("first", "setting-1", MONDAY));
        meetings.on(booked("second", "setting-1", MONDAY.plusSeconds(DAY)));
        meetings.on(new MeetingRescheduled("first", "child-1", "family-1", "setting-1", "kp-1", MONDAY,
                MONDAY.plusSeconds(2 * DAY), 45, "kp-1", MONDAY.minusSeconds(DAY)));

        List<SettingMeetings.Meeting> found = list(null, null);
        assertThat(ids(found)).containsExactly("second", "first");
        assertThat(found.get(1).startsAt()).isEqualTo(MONDAY.plusSeconds(2 * DAY));
        assertThat(found.get(1).durationMinutes()).isEqualTo(45);
        assertThat(ids(list(MONDAY, MONDAY.plusSeconds(DAY)))).isEmpty();
    }

    @Test
    void aCancelledMeetingIsListedAsCancelledAndAWithdrawnOneNotAtAll() throws Exception {
        meetings.on(booked("cancelled", "setting-1", MONDAY));
        meetings.on(booked("withdrawn", "setting-1", MONDAY.plusSeconds(DAY)));
        meetings.on(booked("kept", "setting-1", MONDAY.plusSeconds(2 * DAY)));
        meetings.on(new MeetingCancelled("cancelled", "child-1", "family-1", "setting-1", "kp-1", MONDAY, "Ill.",
                "kp-1", MONDAY.minusSeconds(DAY)));
        meetings.on(new UpdateWithdrawn("withdrawn", "setting-1", "child-1", List.of("family-1"), "Wrong child.",
                "kp-1", MONDAY.minusSeconds(DAY)));

        assertThat(list(null, null)).extracting(SettingMeetings.Meeting::id, SettingMeetings.Meeting::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cancelled", MeetingStatus.CANCELLED),
                        org.assertj.core.groups.Tuple.tuple("kept", MeetingStatus.BOOKED));
    }

    @Test
    void aBookingDeliveredAgainDoesNotUndoALaterReschedule() throws Exception {
        meetings.on(booked("first", "setting-1", MONDAY));
        meetings.on(new MeetingRescheduled("first", "child-1", "family-1", "setting-1", "kp-1", MONDAY,
                MONDAY.plusSeconds(DAY), 30, "kp-1", MONDAY.minusSeconds(DAY)));
        meetings.on(booked("first", "setting-1", MONDAY));

        assertThat(list(null, null)).singleElement()
                .satisfies(meeting -> assertThat(meeting.startsAt()).isEqualTo(MONDAY.plusSeconds(DAY)));
    }

    @Test
    void oneMeetingIsFetchedAtItsCurrentTimeAndNotAtAllOnceWithdrawn() throws Exception {
        meetings.on(booked("meeting-1", "setting-1", MONDAY));
        meetings.on(new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", MONDAY,
                "Key person ill.", "kp-1", MONDAY.minusSeconds(DAY)));

        assertThat(meetings.handle(new FetchMeeting("meeting-1")).get()).isEqualTo(new SettingMeetings.Meeting(
                "meeting-1", "child-1", "kp-1", MONDAY, 30, "Caterpillars room", MeetingStatus.CANCELLED));
        assertThat(meetings.handle(new FetchMeeting("unknown")).get()).isNull();

        meetings.on(new UpdateWithdrawn("meeting-1", "setting-1", "child-1", List.of("family-1"), "Booked by mistake.",
                "kp-1", MONDAY));
        assertThat(meetings.handle(new FetchMeeting("meeting-1")).get()).isNull();
    }
}
