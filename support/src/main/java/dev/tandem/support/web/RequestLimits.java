package dev.tandem.support.web;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits on the size of a request, checked before anything else (before the token, so that an
 * oversized token gets a 431 too), each answered as problem+json: the address (414), the headers (431),
 * the declared body (413; a body sent without a length is bounded by the codecs' in-memory limit, also
 * answered 413). The HTTP server itself lets larger requests through so that they reach this filter
 * ({@link WebEdgeAutoConfiguration}).
 */
final class RequestLimits implements WebFilter, Ordered {

    static final int MAX_URI = 4096;
    static final int MAX_HEADERS = 16 * 1024;
    static final long MAX_BODY = 64 * 1024;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getURI().getRawPath().length() + rawQueryLength(request) > MAX_URI) {
            return ProblemResponses.write(exchange.getResponse(), HttpStatus.URI_TOO_LONG,
                    "The address is too long (at most " + MAX_URI + " characters).");
        }
        if (headerBytes(request.getHeaders()) > MAX_HEADERS) {
            return ProblemResponses.write(exchange.getResponse(), HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's headers are too large (at most " + MAX_HEADERS / 1024 + " KB in all).");
        }
        if (request.getHeaders().getContentLength() > MAX_BODY) {
            return ProblemResponses.write(exchange.getResponse(), HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is too large (at most " + MAX_BODY / 1024 + " KB).");
        }
        return chain.filter(exchange);
    }

    private static int rawQueryLength(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return query == null ? 0 : query.length() + 1;
    }

    private static long headerBytes(HttpHeaders headers) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + value.length() + 4;
            }
        }
        return bytes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
