package dev.tandem.notifier.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler on the notifier's PostgreSQL (docs/decisions/0012): a pool of worker threads, apart from
 * the notifier's tracking processor, runs the due executions of {@link DeliverySchedule} and of every
 * other one-time task the notifier declares as a bean (a meeting's reminder); a recurring task runs the
 * {@link Reconciler}. Executions survive restarts (they are rows), an execution whose node died is
 * revived, and the scheduler tells time by the platform's clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderTimeouts.class)
public class DeliveryScheduling {

    static final String RECONCILE = "notifier-reconcile";

    /** Writes executions through a transaction-aware data source, so they commit with the row that needs them. */
    @Bean
    DeliverySchedule notifierDeliverySchedule(DataSource dataSource) {
        return new DeliverySchedule(DeliverySchedule.transactionalClient(dataSource));
    }

    @Bean
    NotifierScheduler notifierScheduler(DataSource dataSource, ObjectProvider<DeliveryWorker> worker,
                                        ObjectProvider<Reconciler> reconciler, ObjectProvider<OneTimeTask<?>> tasks,
                                        Clock clock,
                                        @Value("${platform.notifier.scheduler.threads:4}") int threads,
                                        @Value("${platform.notifier.scheduler.poll-interval:PT1S}") Duration pollInterval,
                                        @Value("${platform.notifier.scheduler.reconcile-interval:PT5S}") Duration reconcileInterval) {
        OneTimeTask<Void> delivery = Tasks.oneTime(DeliverySchedule.TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> worker.getObject().run(instance.getId()));
        RecurringTask<Void> reconcile = Tasks.recurring(RECONCILE, FixedDelay.of(reconcileInterval))
                .execute((instance, context) -> reconciler.getObject().run());
        // a stopped db-scheduler cannot start again: each start (a paused and resumed context) builds a new one
        return new NotifierScheduler(() -> Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        Stream.<Task<?>>concat(Stream.of(delivery), tasks.orderedStream()).toList())
                .startTasks(reconcile)
                .tableName(DeliverySchedule.TABLE)
                .threads(threads)
                .pollingInterval(pollInterval)
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(4)
                .shutdownMaxWait(Duration.ofSeconds(3))
                .clock(clock::instant)
                .build());
    }

    /** Starts the scheduler once everything else runs (its work publishes events) and stops it first. */
    public static final class NotifierScheduler implements SmartLifecycle {

        private final Supplier<Scheduler> schedulers;
        private volatile Scheduler scheduler;
        private volatile boolean running;

        NotifierScheduler(Supplier<Scheduler> schedulers) {
            this.schedulers = schedulers;
        }

        @Override
        public synchronized void start() {
            scheduler = schedulers.get();
            scheduler.start();
            running = true;
        }

        @Override
        public synchronized void stop() {
            running = false;
            if (scheduler != null) {
                scheduler.stop();
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE - 1000;
        }

        /** Looks for due executions now rather than at the next poll. */
        public void checkNow() {
            Scheduler current = scheduler;
            if (current != null && running) {
                current.triggerCheckForDueExecutions();
            }
        }
    }
}
