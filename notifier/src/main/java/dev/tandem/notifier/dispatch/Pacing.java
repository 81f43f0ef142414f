package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps each provider within its throughput (Twilio's messages per second per sender, FCM's quota; a
 * rate of 0 is no limit) so that a broadcast to thousands of families is paced rather than refused with
 * 429s. A send reserves the next free slot of its channel (resilience4j's rate limiter): now, or a wait
 * that the caller spends as a durable scheduled execution, never blocking the notifier's processor.
 * Reservations reach at most {@code max-queue-wait} ahead, which bounds how many wait in memory;
 * beyond it the send is scheduled unreserved for later, and reserves when it comes due.
 */
@Component
public class Pacing {

    /** Now ({@code delay} zero), a reserved slot {@code delay} from now, or no slot within the queue's bound. */
    public record Slot(boolean reserved, Duration delay) {

        static final Slot NOW = new Slot(true, Duration.ZERO);

        public boolean now() {
            return reserved && delay.isZero();
        }
    }

    private final Map<Channel, RateLimiter> limiters = new EnumMap<>(Channel.class);
    private final Duration maxQueueWait;

    @Autowired
    public Pacing(@Value("${platform.notifier.rate.sms-per-second:10}") int smsPerSecond,
                  @Value("${platform.notifier.rate.push-per-second:500}") int pushPerSecond,
                  @Value("${platform.notifier.rate.email-per-second:0}") int emailPerSecond,
                  @Value("${platform.notifier.rate.max-queue-wait:PT10M}") Duration maxQueueWait) {
        this(Map.of(Channel.SMS, smsPerSecond, Channel.APP, pushPerSecond, Channel.EMAIL, emailPerSecond),
                maxQueueWait, System::nanoTime);
    }

    /** {@code nanoTime} is the limiter's clock: tests pass one they move. */
    public Pacing(Map<Channel, Integer> perSecond, Duration maxQueueWait, Supplier<Long> nanoTime) {
        this.maxQueueWait = maxQueueWait;
        perSecond.forEach((channel, rate) -> {
            if (rate != null && rate > 0) {
                limiters.put(channel, RateLimiter.of("notifier-" + channel.name().toLowerCase(), RateLimiterConfig.custom()
                        .limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(maxQueueWait)
                        .build(), nanoTime));
            }
        });
    }

    /** Reserves the channel's next slot. */
    public Slot reserve(Channel channel) {
        RateLimiter limiter = limiters.get(channel);
        if (limiter == null) {
            return Slot.NOW;
        }
        long nanos = limiter.reservePermission();
        if (nanos < 0) {
            return new Slot(false, maxQueueWait);
        }
        return nanos == 0 ? Slot.NOW : new Slot(true, Duration.ofNanos(nanos));
    }
}
