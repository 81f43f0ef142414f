package dev.tandem.command.meeting;

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
import dev.tandem.api.meeting.BookMeeting;
import dev.tandem.api.meeting.CancelMeeting;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.RescheduleMeeting;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.update.UpdateWorld;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeetingTest {

    private static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-24T11:00:00Z");

    private final InMemoryRuleLookups lookups = UpdateWorld.lookups();
    private AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = UpdateWorld.fixture(Meeting.class, lookups);
    }

    private static BookMeeting book(Instant startsAt, Actor actor) {
        return new BookMeeting("meeting-1", "child-1", startsAt, 30, "Blue room", "Settling in", actor);
    }

    private static MeetingBooked booked(String authorId) {
        return new MeetingBooked("meeting-1", "child-1", "family-1", "setting-1", "kp-1", authorId, TEN, 30,
                "Blue room", "Settling in", NOW);
    }

    private static MeetingCancelled cancelled() {
        return new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN, "Unwell", "kp-1", NOW);
    }

    private static UpdateWithdrawn withdrawn() {
        return new UpdateWithdrawn("meeting-1", "setting-1", "child-1", List.of("family-1"), "Wrong family.", "kp-1",
                NOW);
    }

    @Test
    void keyPersonBooksAMeetingWithTheirKeyChildsFamily() {
        fixture.givenNoPriorActivity()
                .when(book(TEN, KEY_PERSON))
                .expectEvents(booked("kp-1"));
    }

    @Test
    void managerBooksAMeetingWithTheChildsKeyPerson() {
        fixture.givenNoPriorActivity()
                .when(book(TEN, MANAGER))
                .expectEvents(booked("manager-1"));
    }

    @Test
    void keyPersonCannotBookAMeetingAboutAnotherKeyPersonsChild() {
        fixture.givenNoPriorActivity()
                .when(book(TEN, OTHER_KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotBookAMeeting() {
        fixture.givenNoPriorActivity()
                .when(book(TEN, MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void carerCannotBookAMeeting() {
        fixture.givenNoPriorActivity()
                .when(book(TEN, CARER))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void meetingAboutAnUnknownChildIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new BookMeeting("meeting-1", "no-such-child", TEN, 30, "Blue room", "Hello", KEY_PERSON))
                .expectException(refused(NOT_FOUND, "unknown-child"))
                .expectNoEvents();
    }

    @Test
    void meetingCannotStartInThePast() {
        fixture.givenNoPriorActivity()
                .when(book(NOW.minusSeconds(60), KEY_PERSON))
                .expectException(refused(CONFLICT, "meeting-in-the-past"))
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotBookOverlappingMeeting() {
        lookups.meeting("meeting-0", "kp-1", TEN.minusSeconds(15 * 60), TEN.plusSeconds(15 * 60));
        fixture.givenNoPriorActivity()
                .when(book(TEN, KEY_PERSON))
                .expectException(refused(CONFLICT, "meeting-overlaps"))
                .expectNoEvents();
    }

    @Test
    void aMeetingMayStartWhenTheKeyPersonsPreviousOneEnds() {
        lookups.meeting("meeting-0", "kp-1", TEN.minusSeconds(30 * 60), TEN);
        fixture.givenNoPriorActivity()
                .when(book(TEN, KEY_PERSON))
                .expectEvents(booked("kp-1"));
    }

    @Test
    void anotherKeyPersonsMeetingAtTheSameTimeDoesNotBlock() {
        lookups.meeting("meeting-0", "kp-2", TEN, ELEVEN);
        fixture.givenNoPriorActivity()
                .when(book(TEN, MANAGER))
                .expectEvents(booked("manager-1"));
    }

    @Test
    void keyPersonReschedulesTheirMeeting() {
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", ELEVEN, 45, KEY_PERSON))
                .expectEvents(new MeetingRescheduled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN,
                        ELEVEN, 45, "kp-1", NOW));
    }

    @Test
    void reschedulingToTheSameTimeAndLengthRecordsNothing() {
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", TEN, 30, KEY_PERSON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aMeetingMayBeMovedOverPartOfItsOwnTime() {
        lookups.meeting("meeting-1", "kp-1", TEN, TEN.plusSeconds(30 * 60));
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", TEN.plusSeconds(15 * 60), 30, KEY_PERSON))
                .expectEvents(new MeetingRescheduled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN,
                        TEN.plusSeconds(15 * 60), 30, "kp-1", NOW));
    }

    @Test
    void meetingCannotBeRescheduledOntoAnotherMeeting() {
        lookups.meeting("meeting-0", "kp-1", ELEVEN, ELEVEN.plusSeconds(60 * 60));
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", ELEVEN, 30, KEY_PERSON))
                .expectException(refused(CONFLICT, "meeting-overlaps"))
                .expectNoEvents();
    }

    @Test
    void meetingCannotBeRescheduledIntoThePast() {
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", NOW.minusSeconds(3600), 30, KEY_PERSON))
                .expectException(refused(CONFLICT, "meeting-in-the-past"))
                .expectNoEvents();
    }

    @Test
    void cancelledMeetingCannotBeRescheduled() {
        fixture.given(booked("kp-1"), cancelled())
                .when(new RescheduleMeeting("meeting-1", ELEVEN, 30, KEY_PERSON))
                .expectException(refused(CONFLICT, "meeting-cancelled"))
                .expectNoEvents();
    }

    @Test
    void withdrawnMeetingCannotBeRescheduled() {
        fixture.given(booked("kp-1"), withdrawn())
                .when(new RescheduleMeeting("meeting-1", ELEVEN, 30, KEY_PERSON))
                .expectException(refused(CONFLICT, "update-withdrawn"))
                .expectNoEvents();
    }

    @Test
    void anotherKeyPersonCannotRescheduleTheMeeting() {
        fixture.given(booked("kp-1"))
                .when(new RescheduleMeeting("meeting-1", ELEVEN, 30, OTHER_KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }


    @Test
    void keyPersonCancelsTheirMeeting() {
        fixture.given(booked("kp-1"))
                .when(new CancelMeeting("meeting-1", "Unwell", KEY_PERSON))
                .expectEvents(cancelled());
    }

    @Test
    void managerCancelsAMeetingOfTheirSetting() {
        fixture.given(booked("kp-1"))
                .when(new CancelMeeting("meeting-1", "Closed", MANAGER))
                .expectEvents(new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN,
                        "Closed", "manager-1", NOW));
    }

    @Test
    void cancellingTwiceRecordsNothing() {
        fixture.given(booked("kp-1"), cancelled())
                .when(new CancelMeeting("meeting-1", "Unwell", KEY_PERSON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void withdrawnMeetingCannotBeCancelled() {
        fixture.given(booked("kp-1"), withdrawn())
                .when(new CancelMeeting("meeting-1", "Unwell", KEY_PERSON))
                .expectException(refused(CONFLICT, "update-withdrawn"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotCancelTheMeeting() {
        fixture.given(booked("kp-1"))
                .when(new CancelMeeting("meeting-1", "No", MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }


    @Test
    void anUnknownMeetingIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CancelMeeting("no-such-meeting", "Unwell", KEY_PERSON))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
