package dev.tandem.query;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Event handlers run on Axon's processor threads, never on an event loop; they wait for their Mongo
 * write, bounded, so that the processor's token only moves past an event once its effect is stored.
 */
public final class Mongo {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private Mongo() {
    }

    public static <T> T await(Mono<T> write) {
        return write.block(WRITE_TIMEOUT);
    }
}
