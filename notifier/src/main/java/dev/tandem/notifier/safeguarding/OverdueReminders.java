package dev.tandem.notifier.safeguarding;

import dev.tandem.api.concern.SafeguardingAlertReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds the safeguarding leads of each concern that has waited 24 hours with no action, once, a
 * bounded batch per call, each concern in a transaction of its own: the concern is marked reminded
 * together with the outcome events of its alerts.
 */
@Component
class OverdueReminders {

    /** A concern whose reminder failed unexpectedly waits this long, so it cannot hold up the rest. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(OverdueReminders.class);

    private final OverdueConcerns concerns;
    private final LeadAlerter alerter;
    private final TransactionTemplate transaction;
    private final int batchSize;

    OverdueReminders(OverdueConcerns concerns, LeadAlerter alerter, PlatformTransactionManager transactions,
                     @Value("${platform.notifier.overdue.batch-size:100}") int batchSize) {
        this.concerns = concerns;
        this.alerter = alerter;
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = batchSize;
    }

    /** Reminds of what is overdue by the clock's now, at most one batch; answers how many concerns it reminded of. */
    int remindDue(Clock clock) {
        Instant now = clock.instant();
        int reminded = 0;
        while (reminded < batchSize) {
            Optional<Concern> due;
            try {
                due = transaction.execute(status -> {
                    Optional<Concern> next = concerns.nextDue(now);
                    next.ifPresent(concern -> {
                        alerter.alertLeads(concern, SafeguardingAlertReason.OVERDUE);
                        concerns.reminded(concern, now);
                    });
                    return next;
                });
            } catch (RuntimeException e) {
                log.error("Reminding of an overdue safeguarding concern failed; it is retried in {}", RETRY_AFTER, e);
                transaction.executeWithoutResult(status -> concerns.nextDue(now)
                        .ifPresent(concern -> concerns.postpone(concern, now.plus(RETRY_AFTER))));
                return reminded;
            }
            if (due == null || due.isEmpty()) {
                return reminded;
            }
            reminded++;
        }
        return reminded;
    }
}
