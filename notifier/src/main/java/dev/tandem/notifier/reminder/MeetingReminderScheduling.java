package dev.tandem.notifier.reminder;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tandem.notifier.dispatch.DeliverySchedule;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meeting reminders on the notifier's db-scheduler (docs/decisions/0015): the task is a bean, so the
 * notifier's scheduler knows it and runs its due executions beside the deliveries' own.
 */
@Configuration(proxyBeanMethods = false)
class MeetingReminderScheduling {

    /** A reminder whose sending failed unexpectedly is tried again this much later (nothing goes twice). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Bean
    ReminderSchedule meetingReminderSchedule(DataSource dataSource) {
        return new ReminderSchedule(DeliverySchedule.transactionalClient(dataSource));
    }

    @Bean
    OneTimeTask<Void> meetingReminderTask(ObjectProvider<MeetingReminderWorker> worker) {
        return Tasks.oneTime(ReminderSchedule.TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> worker.getObject().run(instance.getId()));
    }
}
