package dev.tandem.notifier.dispatch;

import dev.tandem.notifier.dispatch.DeliverySchedule.Execution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one due execution of {@link DeliverySchedule} (a retry, a paced send, the next channel after a
 * late failure) on a scheduler thread, in a transaction of its own: the outcome events it publishes
 * commit together, and each provider call is still committed on either side (decision 0005).
 */
@Component
public class DeliveryWorker {

    private final Dispatcher dispatcher;
    private final TransactionTemplate transaction;

    public DeliveryWorker(Dispatcher dispatcher, PlatformTransactionManager transactions) {
        this.dispatcher = dispatcher;
        this.transaction = new TransactionTemplate(transactions);
    }

    public void run(String instanceId) {
        Execution execution = Execution.parse(instanceId);
        transaction.executeWithoutResult(status -> dispatcher.resume(execution));
    }
}
