package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.reminder.BookedMeetings;
import dev.tandem.notifier.reminder.MeetingReminderWorker;
import dev.tandem.notifier.reminder.MeetingReminders;
import dev.tandem.notifier.reminder.ReminderSchedule;
import dev.tandem.notifier.template.Templates;
import dev.tandem.notifier.testing.TwilioStandIn;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Meeting reminders (docs/decisions/0015) as the notifier runs them: the handlers called in a transaction
 * as the processor calls them, each reminder a db-scheduler execution on the real PostgreSQL, run here as
 * the scheduler's workers would once the test's clock reaches it (and once by db-scheduler itself), then
 * told through the real dispatcher and provider SDKs against stand-ins. In the dispatch package to share
 * its test base.
 */
@Timeout(60)
class MeetingRemindersTest extends DispatchTestBase {

    static final String SID = "SM00000000000000000000000000000300";
    static final String PHONE = "+447700900301";
    static final String EMAIL = "tom@example.org";
    /** Monday 23 November 2026, noon; London is on UTC in November, so times read the same there. */
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Instant WEDNESDAY_10 = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant A_DAY_BEFORE = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant THURSDAY_14 = Instant.parse("2026-11-26T14:00:00Z");
    static final Instant WEDNESDAY_0930 = Instant.parse("2026-11-25T09:30:00Z");
    static final Instant QUIET_ENDS = Instant.parse("2026-11-25T07:00:00Z");

    BookedMeetings meetings;
    MeetingReminders reminders;
    MeetingReminderWorker reminderWorker;

    @BeforeEach
    void reminders() {
        clock.set(NOW);
        meetings = new BookedMeetings(jdbc);
        reminders = new MeetingReminders(meetings, new ReminderSchedule(DeliverySchedule.transactionalClient(dataSource)),
                new Recipients(jdbc), dispatcher, clock);
        reminderWorker = new MeetingReminderWorker(meetings, notifier, new Templates(), clock,
                transaction.getTransactionManager());
        TwilioStandIn.accepts(twilio, SID);
    }

    @Test
    void eachCarerIsRemindedADayBeforeInTheirLanguageOnTheirChannelByTheScheduler() throws Exception {
        carer("carer-pl", PHONE, null, "pl", Channel.SMS);
        carer("carer-en", null, EMAIL, "en", Channel.EMAIL);

        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        assertThat(reminderTimes()).containsExactly(A_DAY_BEFORE);
        passTo(A_DAY_BEFORE.minusSeconds(60));
        assertThat(runDueReminders()).isZero();

        passTo(A_DAY_BEFORE);
        OneTimeTask<Void> task = Tasks.oneTime(ReminderSchedule.TASK)
                .execute((instance, context) -> reminderWorker.run(instance.getId()));
        DeliveryScheduling.NotifierScheduler scheduler = scheduler(task);
        scheduler.start();
        try {
            scheduler.checkNow();
            await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 2 && reminderTimes().isEmpty());
        } finally {
            scheduler.stop();
        }

        assertThat(sent()).allSatisfy(sent -> {
            assertThat(sent.kind()).isEqualTo(NotificationKind.REMINDER);
            assertThat(sent.updateId()).isEqualTo("meeting-1");
            assertThat(sent.childId()).isEqualTo(CHILD);
        });
        assertThat(sent()).extracting(NotificationSent::carerId, NotificationSent::channel, NotificationSent::language)
                .containsExactlyInAnyOrder(tuple("carer-pl", Channel.SMS, "pl"), tuple("carer-en", Channel.EMAIL, "en"));
        assertThat(smsBodies()).containsExactly("Acorn Nursery: przypomnienie o spotkaniu w sprawie dziecka Zofia z "
                + "osobą kluczową (Jane Smith). Termin: środa, 25 listopada, 10:00 (30 minut), miejsce: Room 2. "
                + "Odpowiedz na tę wiadomość, aby odpisać.");
        MimeMessage email = greenMail.getReceivedMessages()[0];
        assertThat(email.getSubject()).isEqualTo("Acorn Nursery: reminder of the meeting about Zofia on Wednesday "
                + "25 November, 10:00");
        assertThat(jdbc.sql("SELECT DISTINCT kind || ' ' || occasion FROM notifier_delivery").query(String.class).list())
                .containsExactly("REMINDER reminder 2026-11-25T10:00:00Z");
    }

    @Test
    void aRescheduleMovesTheReminderSoTheOldTimeSendsNothingAndTheNewOneDoes() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        String first = scheduledReminders().get(0);

        handle(() -> reminders.on(rescheduled("meeting-1", WEDNESDAY_10, THURSDAY_14)));

        assertThat(reminderTimes()).containsExactly(THURSDAY_14.minus(Duration.ofHours(24)));
        passTo(A_DAY_BEFORE);
        assertThat(runDueReminders()).isZero();
        // the old execution, had it been picked before it could be cancelled, finds itself outdated
        reminderWorker.run(first);
        assertThat(smsBodies()).isEmpty();

        passTo(THURSDAY_14.minus(Duration.ofHours(24)));
        assertThat(runDueReminders()).isEqualTo(1);

        assertThat(smsBodies()).singleElement().asString()
                .isEqualTo("Acorn Nursery: a reminder of your meeting with Jane Smith about Zofia on Thursday "
                        + "26 November, 14:00 (45 minutes) at Room 2. Reply to this message to answer.");
        assertThat(only(NotificationSent.class).kind()).isEqualTo(NotificationKind.REMINDER);
    }

    @Test
    void aMeetingMovedAfterItsReminderIsRemindedAgainForItsNewTime() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        passTo(A_DAY_BEFORE);
        runDueReminders();

        handle(() -> reminders.on(rescheduled("meeting-1", WEDNESDAY_10, THURSDAY_14)));
        passTo(THURSDAY_14.minus(Duration.ofHours(24)));
        runDueReminders();

        assertThat(smsBodies()).hasSize(2);
        assertThat(smsBodies().get(1)).contains("Thursday 26 November, 14:00");
        assertThat(sent()).extracting(NotificationSent::notificationId).doesNotHaveDuplicates();
    }

    @Test
    void aMeetingMovedToSoonerThanItsLeadTimeIsNotRemindedForTheFamilyHasJustBeenTold() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        handle(() -> reminders.on(rescheduled("meeting-1", WEDNESDAY_10, NOW.plus(Duration.ofHours(3)))));

        assertThat(scheduledReminders()).isEmpty();
        passTo(NOW.plus(Duration.ofHours(3)));
        assertThat(runDueReminders()).isZero();
        assertThat(smsBodies()).isEmpty();
    }

    @Test
    void aMeetingBookedWithinItsLeadTimeIsNotReminded() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);

        handle(() -> reminders.on(booked("meeting-1", NOW.plus(Duration.ofHours(5)))));

        assertThat(scheduledReminders()).isEmpty();
    }

    @Test
    void aCancellationRemovesTheReminderAndAnExecutionRunAnywaySendsNothing() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        String execution = scheduledReminders().get(0);

        handle(() -> reminders.on(cancelled("meeting-1", WEDNESDAY_10)));

        assertThat(scheduledReminders()).isEmpty();
        passTo(A_DAY_BEFORE);
        reminderWorker.run(execution);
        assertThat(smsBodies()).isEmpty();
        assertThat(published).isEmpty();
        assertThat(jdbc.sql("SELECT location FROM notifier_meeting_reminder").query(String.class).list())
                .as("the place is no longer kept").containsOnlyNulls();
    }

    @Test
    void aWithdrawnMeetingSendsNoReminder() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        String execution = scheduledReminders().get(0);

        UpdateWithdrawn withdrawn = new UpdateWithdrawn("meeting-1", SETTING, CHILD, List.of(FAMILY), "wrong family",
                KEY_PERSON, clock.instant());
        handle(() -> {
            recipientEvents.on(withdrawn);
            notifier.on(withdrawn);
            reminders.on(withdrawn);
        });

        assertThat(scheduledReminders()).isEmpty();
        passTo(A_DAY_BEFORE);
        reminderWorker.run(execution);
        assertThat(smsBodies()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aWithdrawalTheRemindersHaveNotSeenStillStopsTheReminderAtTheDispatcher() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        recipientEvents.on(new UpdateWithdrawn("meeting-1", SETTING, CHILD, List.of(FAMILY), "wrong family",
                KEY_PERSON, clock.instant()));

        passTo(A_DAY_BEFORE);
        assertThat(runDueReminders()).isEqualTo(1);

        assertThat(smsBodies()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aLongerLeadTimeMovesTheReminderEarlierAndOneNowPastGoesAtOnce() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        Instant tomorrowEvening = Instant.parse("2026-11-24T18:00:00Z");
        handle(() -> reminders.on(booked("meeting-far", THURSDAY_14)));
        handle(() -> reminders.on(booked("meeting-near", tomorrowEvening)));
        assertThat(reminderTimes()).containsExactly(Instant.parse("2026-11-23T18:00:00Z"),
                THURSDAY_14.minus(Duration.ofHours(24)));

        setLeadTime(48);

        // the near meeting's reminder would now have been due yesterday: it goes at once
        assertThat(reminderTimes()).containsExactly(NOW, THURSDAY_14.minus(Duration.ofHours(48)));
        assertThat(runDueReminders()).isEqualTo(1);
        assertThat(smsBodies()).singleElement().asString().contains("Tuesday 24 November, 18:00");
        passTo(THURSDAY_14.minus(Duration.ofHours(48)));
        assertThat(runDueReminders()).isEqualTo(1);
        assertThat(smsBodies()).hasSize(2);

        // already reminded of their times: a further change reminds nobody twice
        setLeadTime(2);
        assertThat(scheduledReminders()).isEmpty();
    }

    @Test
    void aShorterLeadTimeMovesTheReminderLater() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        setLeadTime(2);

        assertThat(reminderTimes()).containsExactly(WEDNESDAY_10.minus(Duration.ofHours(2)));
        passTo(A_DAY_BEFORE);
        assertThat(runDueReminders()).isZero();
        passTo(WEDNESDAY_10.minus(Duration.ofHours(2)));
        assertThat(runDueReminders()).isEqualTo(1);
        assertThat(smsBodies()).hasSize(1);
    }

    @Test
    void aSettingWithNoRemindersSendsNoneAndTurningThemOffTakesOffThoseToCome() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        setLeadTime(0);
        handle(() -> reminders.on(booked("meeting-2", THURSDAY_14)));

        assertThat(scheduledReminders()).isEmpty();
        passTo(THURSDAY_14.minus(Duration.ofHours(1)));
        assertThat(runDueReminders()).isZero();
        assertThat(smsBodies()).isEmpty();
    }

    @Test
    void aRedeliveredBookingSchedulesOneReminder() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);

        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        handle(() -> reminders.on(cancelled("meeting-1", WEDNESDAY_10)));
        handle(() -> reminders.on(cancelled("meeting-1", WEDNESDAY_10)));
        handle(() -> reminders.on(booked("meeting-2", WEDNESDAY_10)));
        handle(() -> reminders.on(booked("meeting-2", WEDNESDAY_10)));

        assertThat(scheduledReminders()).containsExactly("meeting-2/1");
    }

    @Test
    void aSecondRunOfTheSameExecutionSendsNothingTwice() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        String execution = scheduledReminders().get(0);
        passTo(A_DAY_BEFORE);

        // a crash after the provider took it, before the worker's transaction committed
        transaction.executeWithoutResult(status -> {
            reminderWorker.run(execution);
            status.setRollbackOnly();
        });
        published.clear();
        reminderWorker.run(execution);
        reminderWorker.run(execution);

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        // the outcome the rolled-back run could not record is recorded by the rerun, once
        assertThat(only(NotificationSent.class).kind()).isEqualTo(NotificationKind.REMINDER);
    }

    @Test
    void quietHoursHoldTheReminderBackUntilTheyEnd() {
        aReminderDueInTheCarersQuietHours();

        NotificationHeldBack held = only(NotificationHeldBack.class);
        assertThat(held.kind()).isEqualTo(NotificationKind.REMINDER);
        assertThat(held.until()).isEqualTo(QUIET_ENDS);
        assertThat(smsBodies()).isEmpty();

        assertThat(deferredSender.sendDue(Clock.fixed(QUIET_ENDS, ZoneOffset.UTC))).isEqualTo(1);
        assertThat(smsBodies()).singleElement().asString().contains("Wednesday 25 November, 09:30");
        assertThat(((NotificationSent) published.get(1)).kind()).isEqualTo(NotificationKind.REMINDER);
    }

    @Test
    void aReminderHeldBackByQuietHoursIsDroppedWhenTheMeetingIsCancelled() {
        aReminderDueInTheCarersQuietHours();

        handle(() -> reminders.on(cancelled("meeting-1", WEDNESDAY_0930)));

        NotificationSkipped skipped = (NotificationSkipped) published.get(1);
        assertThat(skipped.kind()).isEqualTo(NotificationKind.REMINDER);
        assertThat(skipped.reason()).isEqualTo("the meeting was cancelled");
        assertThat(deferredSender.sendDue(Clock.fixed(QUIET_ENDS, ZoneOffset.UTC))).isZero();
        assertThat(smsBodies()).isEmpty();
    }

    @Test
    void aRestrictedCarerIsNotRemindedAndTheOthersAre() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        carer("carer-2", null, EMAIL, "en", Channel.EMAIL);
        recipientEvents.on(new CarerRestricted(CHILD, FAMILY, SETTING, "carer-2", "court order", "dsl-1", NOW));
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        passTo(A_DAY_BEFORE);
        runDueReminders();

        assertThat(smsBodies()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        NotificationSkipped skipped = (NotificationSkipped) published.stream()
                .filter(NotificationSkipped.class::isInstance).findFirst().orElseThrow();
        assertThat(skipped.carerId()).isEqualTo("carer-2");
        assertThat(skipped.kind()).isEqualTo(NotificationKind.REMINDER);
    }

    @Test
    void aReminderThatRunsOnlyOnceTheMeetingHasBegunSendsNothing() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));

        // the platform was down from before the reminder was due until the meeting began
        passTo(WEDNESDAY_10.plusSeconds(60));
        assertThat(runDueReminders()).isEqualTo(1);

        assertThat(smsBodies()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void anErasedFamilysMeetingsAreForgottenAndNotReminded() {
        carer("carer-1", PHONE, null, "en", Channel.SMS);
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_10)));
        handle(() -> reminders.on(booked("meeting-2", THURSDAY_14)));
        handle(() -> reminders.on(cancelled("meeting-2", THURSDAY_14)));
        String execution = scheduledReminders().get(0);

        handle(() -> reminders.on(new FamilyErased(FAMILY, SETTING, List.of("carer-1"), List.of(CHILD), List.of(),
                "asked to be forgotten", "manager-1", NOW)));

        assertThat(scheduledReminders()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_meeting_reminder").query(Long.class).single()).isZero();
        passTo(A_DAY_BEFORE);
        reminderWorker.run(execution);
        assertThat(smsBodies()).isEmpty();
    }

    /** Anna's quiet hours are 21:00 to 07:00; a meeting at 09:30 with a lead time of 12 hours is reminded at 21:30. */
    private void aReminderDueInTheCarersQuietHours() {
        setLeadTime(12);
        recipientEvents.on(new CarerJoinedFamily(FAMILY, SETTING, "carer-1", "Anna", "mother", null, PHONE, "en",
                List.of(Channel.SMS), new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0))));
        handle(() -> reminders.on(booked("meeting-1", WEDNESDAY_0930)));
        passTo(WEDNESDAY_0930.minus(Duration.ofHours(12)));
        assertThat(runDueReminders()).isEqualTo(1);
    }

    private void setLeadTime(int hours) {
        MeetingRemindersSet event = new MeetingRemindersSet(SETTING, hours, "manager-1");
        handle(() -> {
            recipientEvents.on(event);
            reminders.on(event);
        });
    }

    private static MeetingBooked booked(String meetingId, Instant startsAt) {
        return new MeetingBooked(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, KEY_PERSON, startsAt, 30, "Room 2",
                "Settling in", NOW);
    }

    private static MeetingRescheduled rescheduled(String meetingId, Instant from, Instant to) {
        return new MeetingRescheduled(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, from, to, 45, KEY_PERSON, NOW);
    }

    private static MeetingCancelled cancelled(String meetingId, Instant startsAt) {
        return new MeetingCancelled(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, startsAt, "Jane is unwell",
                KEY_PERSON, NOW);
    }

    private List<NotificationSent> sent() {
        return published.stream().filter(NotificationSent.class::isInstance).map(NotificationSent.class::cast).toList();
    }

    private List<String> smsBodies() {
        return TwilioStandIn.received(twilio).stream().map(form -> form.get("Body")).toList();
    }

    /** The reminder executions waiting in db-scheduler's table, by instance id, soonest first. */
    private List<String> scheduledReminders() {
        return jdbc.sql("SELECT task_instance FROM notifier_scheduled_task WHERE task_name = ? ORDER BY execution_time")
                .param(ReminderSchedule.TASK.getTaskName())
                .query(String.class)
                .list();
    }

    private List<Instant> reminderTimes() {
        return jdbc.sql("SELECT execution_time FROM notifier_scheduled_task WHERE task_name = ? ORDER BY execution_time")
                .param(ReminderSchedule.TASK.getTaskName())
                .query(OffsetDateTime.class)
                .list().stream().map(OffsetDateTime::toInstant).toList();
    }

    /** Runs the reminder executions due by the test's clock as db-scheduler's workers would; answers how many. */
    private int runDueReminders() {
        List<Map<String, Object>> due = jdbc.sql("""
                        SELECT task_instance FROM notifier_scheduled_task WHERE task_name = ? AND execution_time <= ?
                        ORDER BY execution_time""")
                .params(ReminderSchedule.TASK.getTaskName(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query().listOfRows();
        for (Map<String, Object> row : due) {
            String instance = (String) row.get("task_instance");
            jdbc.sql("DELETE FROM notifier_scheduled_task WHERE task_name = ? AND task_instance = ?")
                    .params(ReminderSchedule.TASK.getTaskName(), instance).update();
            reminderWorker.run(instance);
        }
        return due.size();
    }
}
