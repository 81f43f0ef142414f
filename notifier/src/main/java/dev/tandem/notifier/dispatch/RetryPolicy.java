package dev.tandem.notifier.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long a transiently failing channel is tried again, and how often: exponential backoff with
 * jitter (about 2 s first, then doubling, each wait between 80% and 120% of its nominal value), until
 * the retry window ({@code PLATFORM_RETRY_WINDOW}, PT15M; PT2M for urgent announcements) has passed
 * since the first attempt. The last retry is made at the window's end, not skipped.
 */
@Component
public class RetryPolicy {

    static final Duration FIRST_WAIT = Duration.ofSeconds(2);

    private final Duration window;
    private final Duration urgentWindow;
    private final DoubleSupplier random;

    @Autowired
    public RetryPolicy(@Value("${platform.notifier.retry-window:${PLATFORM_RETRY_WINDOW:PT15M}}") Duration window,
                       @Value("${platform.notifier.urgent-retry-window:PT2M}") Duration urgentWindow) {
        this(window, urgentWindow, new Random()::nextDouble);
    }

    /** {@code random} answers in [0, 1): tests pass a constant. */
    public RetryPolicy(Duration window, Duration urgentWindow, DoubleSupplier random) {
        this.window = window;
        this.urgentWindow = urgentWindow;
        this.random = random;
    }

    public Duration window(boolean urgent) {
        return urgent ? urgentWindow : window;
    }

    /** The wait after the {@code attempts}-th call failed transiently (1 for the first call). */
    public Duration backoff(int attempts) {
        long nominal = FIRST_WAIT.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.round(nominal * (0.8 + 0.4 * random.getAsDouble())));
    }

    /** When to try again, or null when the window has ended and the channel is given up. */
    public Instant nextAttempt(int attempts, Instant now, Instant windowEndsAt) {
        if (!now.isBefore(windowEndsAt)) {
            return null;
        }
        Instant next = now.plus(backoff(attempts));
        return next.isAfter(windowEndsAt) ? windowEndsAt : next;
    }
}
