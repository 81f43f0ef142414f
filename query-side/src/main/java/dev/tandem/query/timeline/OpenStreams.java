package dev.tandem.query.timeline;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Ends every open timeline stream the moment the platform begins to stop, so that a stop never waits for
 * them: the web server's graceful shutdown (a later phase) waits for open responses, and a stream never
 * ends by itself. Clients reconnect, with {@code Last-Event-ID}, here after a restart or elsewhere. Streams
 * opened while stopped end at once; a start (as after a context is paused and restarted) opens them again.
 */
@Component
class OpenStreams implements SmartLifecycle {

    /** The first to stop: before the web server's graceful wait, and before Axon's components. */
    static final int PHASE = Integer.MAX_VALUE;

    private volatile Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;

    /** The stream, completed when the platform stops (its subscription queries close in their doFinally). */
    <T> Flux<T> untilStopped(Flux<T> stream) {
        return Flux.defer(() -> stream.takeUntilOther(stopping.asMono()));
    }

    @Override
    public synchronized void start() {
        if (!running) {
            stopping = Sinks.empty();
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopping.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
