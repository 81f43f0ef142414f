package dev.tandem.notifier.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles the attempts a crash cut off mid-call (decision 0012): an attempt still in flight after
 * {@link ProviderTimeouts#callSurelyOver()} belongs to a process that is gone. Run at start and then
 * every few seconds by the scheduler (one node at a time), a bounded batch per run, each attempt in a
 * transaction of its own. Also forgets the kept messages of tellings long settled.
 */
@Component
public class Reconciler {

    static final int BATCH = 100;
    static final Duration KEEP_MESSAGES = Duration.ofDays(3);

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final DeliveryLog deliveries;
    private final Dispatcher dispatcher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration staleAfter;

    public Reconciler(DeliveryLog deliveries, Dispatcher dispatcher, PlatformTransactionManager transactions,
                      Clock clock, ProviderTimeouts timeouts) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.staleAfter = timeouts.callSurelyOver();
    }

    /** Answers how many interrupted attempts it settled. */
    public int run() {
        Instant now = clock.instant();
        int settled = 0;
        for (Attempt attempt : deliveries.inFlightSince(now.minus(staleAfter), BATCH)) {
            try {
                transaction.executeWithoutResult(status -> dispatcher.reconcile(attempt));
                settled++;
            } catch (RuntimeException e) {
                log.error("Reconciling interrupted attempt {} failed; tried again at the next run",
                        attempt.notificationId(), e);
            }
        }
        int swept = deliveries.sweepMessages(now.minus(KEEP_MESSAGES));
        if (swept > 0) {
            log.debug("Forgot {} messages of settled tellings", swept);
        }
        return settled;
    }
}
