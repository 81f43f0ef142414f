package dev.tandem.notifier.reminder;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.DbSchedulerException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;

/**
 * Durable executions of meeting reminders in the notifier's db-scheduler table: one a scheduling, named
 * {@code <meetingId>/<seq>} after the meeting and the number of its scheduling, so that an execution the
 * meeting has moved on from (rescheduled, its lead time changed, or one that could not be cancelled in
 * time) is recognised when it runs and changes nothing. Scheduling and cancelling join the caller's
 * transaction, so they commit with the meeting's row and the processor's token.
 */
public class ReminderSchedule {

    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("notifier-meeting-reminder");

    private final SchedulerClient client;

    /** {@code client} must write through a transaction-aware data source. */
    public ReminderSchedule(SchedulerClient client) {
        this.client = client;
    }

    void at(String meetingId, int seq, Instant when) {
        client.scheduleIfNotExists(TASK.instance(instanceId(meetingId, seq)).scheduledTo(when));
    }

    /**
     * Takes an outdated execution off the table if it is still waiting. One a worker has begun cannot be
     * cancelled (db-scheduler refuses): it finds its scheduling outdated and sends nothing.
     */
    void cancel(String meetingId, int seq) {
        TaskInstanceId id = TASK.instanceId(instanceId(meetingId, seq));
        try {
            client.getScheduledExecution(id)
                    .filter(execution -> !execution.isPicked())
                    .ifPresent(execution -> client.cancel(id));
        } catch (DbSchedulerException begunOrGone) {
            // picked or finished between the look and the cancel: nothing to take off
        }
    }

    static String instanceId(String meetingId, int seq) {
        return meetingId + "/" + seq;
    }

    /** The meeting and scheduling number an execution's instance id names. */
    record Execution(String meetingId, int seq) {

        static Execution parse(String instanceId) {
            int slash = instanceId.lastIndexOf('/');
            return new Execution(instanceId.substring(0, slash), Integer.parseInt(instanceId.substring(slash + 1)));
        }
    }
}
