package dev.tandem.query;

import java.time.Duration;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sends a query from a WebFlux handler: lazily and with a timeout. */
@Component
public class Queries {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final QueryGateway gateway;

    public Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    public <Q, R> Mono<R> fetch(Q query, Class<R> replyType) {
        return Mono.defer(() -> Mono.fromFuture(gateway.query(query, replyType))).timeout(TIMEOUT);
    }

    public QueryGateway gateway() {
        return gateway;
    }
}
