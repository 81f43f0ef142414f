package dev.tandem.notifier.safeguarding;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls for concerns overdue for a reminder. On unless {@code platform.notifier.overdue.polling} is
 * false, so that tests can drive {@link OverdueReminders#remindDue} with a clock of their own.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "platform.notifier.overdue.polling", havingValue = "true", matchIfMissing = true)
class OverduePolling {

    private final OverdueReminders reminders;
    private final Clock clock;

    OverduePolling(OverdueReminders reminders, Clock clock) {
        this.reminders = reminders;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${platform.notifier.overdue.poll-interval-ms:60000}")
    void remindDue() {
        reminders.remindDue(clock);
    }
}
