package dev.tandem.support.web;

import dev.tandem.support.validation.Uuids;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The ids in an API address are the platform's own UUIDs: anything else (a NUL, a quote, a path
 * traversal) is answered 400 naming the id, before a controller, a command or a query sees it. It runs
 * after authentication, so a caller without a token learns nothing about which addresses exist.
 */
final class PathIds implements WebFilter, Ordered {

    /** Each collection of the contract whose next path segment is an id, and that id's name. */
    private static final Map<String, String> ID_NAMES = Map.of("settings", "settingId", "children", "childId",
            "carers", "carerId", "families", "familyId", "updates", "updateId", "meetings", "meetingId",
            "concerns", "concernId", "rooms", "roomId", "staff", "staffId");

    /** After Spring Security's filter chain (order -100). */
    static final int ORDER = 0;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getRawPath();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String[] segments = path.substring("/api/".length()).split("/", -1);
        for (int i = 0; i + 1 < segments.length; i++) {
            String name = ID_NAMES.get(segments[i]);
            if (name != null && !Uuids.isUuid(segments[i + 1])) {
                return ProblemResponses.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                        name + " must be a UUID", List.of(new FieldProblem(name, "must be a UUID")));
            }
            if (name != null) {
                i++;
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
