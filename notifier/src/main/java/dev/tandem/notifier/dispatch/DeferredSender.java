package dev.tandem.notifier.dispatch;

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
 * Sends the notifications held back by quiet hours once they are due, a bounded batch per call, each
 * in a transaction of its own: the row leaves the table together with the outcome events it led to.
 */
@Component
public class DeferredSender {

    /** A notification whose sending failed unexpectedly waits this long, so it cannot hold up the rest. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(DeferredSender.class);

    private final DeferredNotifications deferred;
    private final Dispatcher dispatcher;
    private final TransactionTemplate transaction;
    private final int batchSize;

    public DeferredSender(DeferredNotifications deferred, Dispatcher dispatcher, PlatformTransactionManager transactions,
                          @Value("${platform.notifier.deferred.batch-size:100}") int batchSize) {
        this.deferred = deferred;
        this.dispatcher = dispatcher;
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = batchSize;
    }

    /**
     * Sends what is due by the clock's now, at most one batch; answers how many due notifications it
     * dealt with (sent, dropped, or held back longer because the carer's quiet hours moved).
     */
    public int sendDue(Clock clock) {
        Instant now = clock.instant();
        int handled = 0;
        while (handled < batchSize) {
            Optional<Deferred> sent;
            try {
                sent = transaction.execute(status -> {
                    Optional<Deferred> due = deferred.nextDue(now);
                    due.ifPresent(held -> dispatcher.sendDeferred(held, now));
                    return due;
                });
            } catch (RuntimeException e) {
                log.error("Sending a held-back notification failed; it is retried in {}", RETRY_AFTER, e);
                transaction.executeWithoutResult(status -> deferred.nextDue(now)
                        .ifPresent(held -> deferred.postpone(held, now.plus(RETRY_AFTER))));
                return handled;
            }
            if (sent == null || sent.isEmpty()) {
                return handled;
            }
            handled++;
        }
        return handled;
    }
}
