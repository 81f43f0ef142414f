package dev.tandem.command.privacy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily {@link RetentionSweep} on db-scheduler (decision 0012's scheduler, table
 * {@code command_scheduled_task}): one execution across every node of the command side, surviving
 * restarts; each start of the platform also sweeps at once, so a platform that was down at the hour
 * catches up. The interval is {@code platform.retention.sweep-interval} (default a day).
 */
@Configuration(proxyBeanMethods = false)
class RetentionScheduling {

    static final String TASK = "retention-sweep";
    static final String TABLE = "command_scheduled_task";

    @Bean
    RetentionScheduler retentionScheduler(DataSource dataSource, ObjectProvider<RetentionSweep> sweep, Clock clock,
                                          @Value("${platform.retention.sweep-interval:P1D}") Duration interval) {
        RecurringTask<Void> task = Tasks.recurring(TASK, FixedDelay.of(interval))
                .execute((instance, context) -> sweep.getObject().run());
        return new RetentionScheduler(clock, () -> Scheduler.create(dataSource, List.of())
                .startTasks(task)
                .tableName(TABLE)
                .threads(1)
                .pollingInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(3))
                .clock(clock::instant)
                .build(), task);
    }

    /** Starts once everything else runs (the sweep sends commands), stops first; a new scheduler at each start. */
    static final class RetentionScheduler implements SmartLifecycle {

        private final Clock clock;
        private final Supplier<Scheduler> schedulers;
        private final RecurringTask<Void> task;
        private volatile Scheduler scheduler;

        RetentionScheduler(Clock clock, Supplier<Scheduler> schedulers, RecurringTask<Void> task) {
            this.clock = clock;
            this.schedulers = schedulers;
            this.task = task;
        }

        @Override
        public synchronized void start() {
            scheduler = schedulers.get();
            scheduler.start();
            try {
                // sweep now as well: the daily run may have been missed while the platform was down
                scheduler.reschedule(task.getDefaultTaskInstance(), clock.instant());
            } catch (RuntimeException running) {
                // another node is sweeping right now
            }
        }

        @Override
        public synchronized void stop() {
            Scheduler current = scheduler;
            scheduler = null;
            if (current != null) {
                current.stop();
            }
        }

        @Override
        public boolean isRunning() {
            return scheduler != null;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE - 1000;
        }
    }
}
