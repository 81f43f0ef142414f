package dev.tandem.support.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * An API request whose {@code Accept} names nothing the platform answers in (JSON, problem+json, a PDF
 * export, an event stream) is refused with 406 before it reaches a handler: a command would otherwise be
 * stored and only its answer refused.
 */
final class AcceptableAnswers implements WebFilter, Ordered {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_PDF, MediaType.TEXT_EVENT_STREAM);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String accept = exchange.getRequest().getHeaders().getFirst("Accept");
        if (accept == null || accept.isBlank() || !exchange.getRequest().getURI().getRawPath().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        boolean answerable;
        try {
            answerable = MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(asked -> ANSWERS.stream().anyMatch(asked::isCompatibleWith));
        } catch (InvalidMediaTypeException unreadable) {
            answerable = false;
        }
        if (!answerable) {
            return ProblemResponses.write(exchange.getResponse(), HttpStatus.NOT_ACCEPTABLE,
                    "This address answers in JSON (application/json); Accept names nothing it can send.");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return PathIds.ORDER + 1;
    }
}
