package dev.tandem.notifier.dispatch;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls for held-back notifications that are due. On unless {@code platform.notifier.deferred.polling}
 * is false, so that tests can drive {@link DeferredSender#sendDue} with a clock of their own.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "platform.notifier.deferred.polling", havingValue = "true", matchIfMissing = true)
public class DeferredPolling {

    private final DeferredSender sender;
    private final Clock clock;

    public DeferredPolling(DeferredSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${platform.notifier.deferred.poll-interval-ms:30000}")
    void sendDue() {
        sender.sendDue(clock);
    }
}
