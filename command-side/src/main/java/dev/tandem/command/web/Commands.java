package dev.tandem.command.web;

import java.time.Duration;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command from a WebFlux handler: lazily (nothing is sent until subscribed), off the event
 * loop (the local command bus handles it on the calling thread, with JDBC) and with a timeout.
 */
@Component
public class Commands {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command) {
        return send(() -> command);
    }

    /** Sends a command whose making must be off the event loop too (a password hash, say). */
    public <R> Mono<R> send(Supplier<Object> command) {
        return Mono.defer(() -> Mono.fromFuture(gateway.<R>send(command.get())))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT);
    }
}
