package dev.tandem.notifier.reminder;

import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.setting.SetMeetingReminders;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.NotifierProcessing;
import dev.tandem.notifier.dispatch.Dispatcher;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.reminder.BookedMeeting.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps each booked meeting and its one reminder scheduled at the setting's lead time before it
 * (docs/decisions/0015): a reschedule moves the reminder, a cancellation or a withdrawal takes it off,
 * a new lead time moves the reminders of every meeting of the setting not yet reminded, and an erased
 * family's meetings are forgotten. The meeting's row and its execution are written in the processor's
 * transaction, so they commit with its token; what is handled again after a rollback lands on the same
 * row. Not on replay: a replay must never schedule a reminder of a meeting long past, nor move one.
 *
 * <p>A reminder that would be due already when a meeting is booked or moved is not sent: the family has
 * just been told. A reminder still to come that a longer lead time brings into the past goes at once
 * instead, so a family is never left without the reminder it would have had.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class MeetingReminders {

    static final String MOVED = "the meeting was moved";
    static final String CANCELLED = "the meeting was cancelled";

    private final BookedMeetings meetings;
    private final ReminderSchedule schedule;
    private final Recipients recipients;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public MeetingReminders(BookedMeetings meetings, ReminderSchedule schedule, Recipients recipients,
                            Dispatcher dispatcher, Clock clock) {
        this.meetings = meetings;
        this.schedule = schedule;
        this.recipients = recipients;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    public void on(MeetingBooked event) {
        meetings.booked(event);
        replan(event.meetingId(), leadTimeOf(event.settingId()), false);
    }

    /** A reminder held back by quiet hours for the old time is dropped; the new time gets its own. */
    @EventHandler
    @DisallowReplay
    public void on(MeetingRescheduled event) {
        meetings.find(event.meetingId()).ifPresent(before ->
                dispatcher.dropDeferred(before.meetingId(), before.reminderOccasion(), MOVED));
        meetings.moved(event);
        replan(event.meetingId(), leadTimeOf(event.settingId()), false);
    }

    @EventHandler
    @DisallowReplay
    public void on(MeetingCancelled event) {
        meetings.find(event.meetingId()).ifPresent(before -> {
            dispatcher.dropDeferred(before.meetingId(), before.reminderOccasion(), CANCELLED);
            meetings.ended(before.meetingId(), State.CANCELLED);
            replan(before.meetingId(), 0, false);
        });
    }

    /** Any update can be withdrawn; only a meeting has a row here. The dispatcher drops what it held back. */
    @EventHandler
    @DisallowReplay
    public void on(UpdateWithdrawn event) {
        meetings.find(event.updateId()).ifPresent(before -> {
            meetings.ended(before.meetingId(), State.WITHDRAWN);
            replan(before.meetingId(), 0, false);
        });
    }

    /** An erased family's meetings are forgotten with their places and purposes (decision 0014), reminders and all. */
    @EventHandler
    @DisallowReplay
    public void on(FamilyErased event) {
        for (BookedMeeting meeting : meetings.ofFamily(event.familyId())) {
            if (meeting.dueAt() != null) {
                schedule.cancel(meeting.meetingId(), meeting.scheduleSeq());
            }
            meetings.forget(meeting.meetingId());
        }
    }

    /**
     * The lead time is read from the event: {@link dev.tandem.notifier.recipients.RecipientsProjection} may
     * take it in after this handler, in the same batch. A meeting that had a reminder to come and whose new
     * time has passed is reminded at once.
     */
    @EventHandler
    @DisallowReplay
    public void on(MeetingRemindersSet event) {
        Instant now = clock.instant();
        for (BookedMeeting meeting : meetings.upcomingAt(event.settingId(), now)) {
            replan(meeting.meetingId(), event.hoursBefore(), meeting.dueAt() != null);
        }
    }

    private int leadTimeOf(String settingId) {
        return recipients.setting(settingId).map(RecipientSetting::meetingReminderHours)
                .orElse(SetMeetingReminders.DEFAULT_HOURS_BEFORE);
    }

    /** Schedules the meeting's reminder as it now stands, or takes it off; the same state changes nothing. */
    private void replan(String meetingId, int hoursBefore, boolean lateMeansNow) {
        BookedMeeting meeting = meetings.find(meetingId).orElseThrow();
        Optional<Instant> due = dueAt(meeting, hoursBefore, clock.instant(), lateMeansNow);
        if (Objects.equals(due.orElse(null), meeting.dueAt())) {
            return;
        }
        if (meeting.dueAt() != null) {
            schedule.cancel(meetingId, meeting.scheduleSeq());
        }
        if (due.isEmpty()) {
            meetings.unscheduled(meetingId);
            return;
        }
        schedule.at(meetingId, meetings.scheduled(meetingId, due.get()), due.get());
    }

    /** When the meeting's reminder is due, if it is to have one. */
    static Optional<Instant> dueAt(BookedMeeting meeting, int hoursBefore, Instant now, boolean lateMeansNow) {
        if (meeting.state() != State.BOOKED || hoursBefore == 0 || !now.isBefore(meeting.startsAt())
                || meeting.remindedOfThisTime()) {
            return Optional.empty();
        }
        Instant due = meeting.startsAt().minus(Duration.ofHours(hoursBefore));
        if (due.isAfter(now)) {
            return Optional.of(due);
        }
        return lateMeansNow ? Optional.of(now) : Optional.empty();
    }
}
