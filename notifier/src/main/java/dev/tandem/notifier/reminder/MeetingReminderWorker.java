package dev.tandem.notifier.reminder;

import dev.tandem.notifier.dispatch.UpdateNotifier;
import dev.tandem.notifier.reminder.BookedMeeting.State;
import dev.tandem.notifier.reminder.ReminderSchedule.Execution;
import dev.tandem.notifier.template.Templates;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one due reminder execution on a scheduler thread, in a transaction of its own (as the delivery
 * worker does): the meeting is read afresh, and nothing is sent for an outdated scheduling, a meeting
 * cancelled, withdrawn or already begun, or one whose family has been reminded of this time. Otherwise
 * each carer of the family is told through the dispatcher, which applies their language, channels,
 * restrictions and quiet hours. The telling names the meeting's time, so a rerun after a crash lands on
 * the same delivery rows and sends nothing twice.
 */
@Component
public class MeetingReminderWorker {

    private static final Logger log = LoggerFactory.getLogger(MeetingReminderWorker.class);

    private final BookedMeetings meetings;
    private final UpdateNotifier notifier;
    private final Templates templates;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public MeetingReminderWorker(BookedMeetings meetings, UpdateNotifier notifier, Templates templates, Clock clock,
                                 PlatformTransactionManager transactions) {
        this.meetings = meetings;
        this.notifier = notifier;
        this.templates = templates;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    public void run(String instanceId) {
        Execution execution = Execution.parse(instanceId);
        transaction.executeWithoutResult(status -> remind(execution));
    }

    private void remind(Execution execution) {
        Optional<BookedMeeting> found = meetings.find(execution.meetingId());
        if (found.isEmpty() || found.get().scheduleSeq() != execution.seq()) {
            return;
        }
        BookedMeeting meeting = found.get();
        if (meeting.state() != State.BOOKED || meeting.remindedOfThisTime()) {
            return;
        }
        if (!clock.instant().isBefore(meeting.startsAt())) {
            log.info("Meeting {} began before its reminder could go; none is sent", meeting.meetingId());
            return;
        }
        notifier.tellAboutChild("MEETING", meeting.meetingId(), meeting.reminderOccasion(), meeting.childId(),
                meeting.familyId(), meeting.settingId(), meeting.keyPersonId(), (language, about, carer) ->
                        templates.meetingReminder(language, about, carer.name(), meeting.startsAt(),
                                meeting.durationMinutes(), meeting.location(), meeting.purpose()));
        // last, so the row is locked only briefly; a meeting moved meanwhile keeps its new reminder
        meetings.reminded(meeting.meetingId(), execution.seq());
    }
}
