package dev.tandem.notifier.dispatch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Durable executions of the notifier's delivery work in db-scheduler's table
 * ({@code notifier_scheduled_task}, docs/decisions/0012): each names one attempt row and the number
 * of its scheduling ({@code <notificationId>/<seq>}), so that a stale execution (one rerun after a
 * crash, or superseded by a later scheduling) is recognised and changes nothing. Scheduling joins the
 * caller's transaction: the row's new state and its execution commit together.
 */
public class DeliverySchedule {

    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("notifier-delivery");
    public static final String TABLE = "notifier_scheduled_task";

    private final SchedulerClient client;

    /** {@code client} must write through a transaction-aware data source. */
    public DeliverySchedule(SchedulerClient client) {
        this.client = client;
    }

    /** A client of the notifier's table that writes in the caller's transaction, if there is one. */
    public static SchedulerClient transactionalClient(DataSource dataSource) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), List.of())
                .tableName(TABLE)
                .build();
    }

    void at(String notificationId, int seq, Instant when) {
        client.scheduleIfNotExists(TASK.instance(instanceId(notificationId, seq)).scheduledTo(when));
    }

    static String instanceId(String notificationId, int seq) {
        return notificationId + "/" + seq;
    }

    /** The attempt row and scheduling number an execution's instance id names. */
    public record Execution(String notificationId, int seq) {

        public static Execution parse(String instanceId) {
            int slash = instanceId.lastIndexOf('/');
            return new Execution(instanceId.substring(0, slash), Integer.parseInt(instanceId.substring(slash + 1)));
        }
    }
}
