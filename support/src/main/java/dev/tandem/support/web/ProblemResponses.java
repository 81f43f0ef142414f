package dev.tandem.support.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer from where no controller runs (web filters, the firewall), in the shape
 * {@link PlatformProblemHandler} gives every other error.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
        return write(response, status, detail, List.of());
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail,
                                   List<FieldProblem> errors) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", errors.isEmpty()
                ? "/problems/" + status.name().toLowerCase(Locale.ROOT).replace('_', '-')
                : "/problems/validation");
        body.put("title", errors.isEmpty() ? status.getReasonPhrase() : "Invalid request");
        body.put("status", status.value());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
