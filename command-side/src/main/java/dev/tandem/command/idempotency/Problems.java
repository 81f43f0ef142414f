package dev.tandem.command.idempotency;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The filter's refusals as problem+json, shaped like support's {@code PlatformProblemHandler} answers
 * (which cannot help here: a filter runs outside the controllers it advises). Every text is fixed:
 * nothing of the request is echoed.
 */
final class Problems {

    private Problems() {
    }

    static Mono<Void> invalidKey(ServerHttpResponse response) {
        String message = "must be one value of 1 to 255 printable ASCII characters";
        return write(response, HttpStatus.BAD_REQUEST, """
                {"type":"/problems/validation","title":"Invalid request","status":400,\
                "detail":"%s %s","errors":[{"field":"%s","message":"%s"}]}"""
                .formatted(IdempotencyFilter.HEADER, message, IdempotencyFilter.HEADER, message));
    }

    static Mono<Void> tooLarge(ServerHttpResponse response, int maxBodyBytes) {
        return write(response, HttpStatus.CONTENT_TOO_LARGE, body("/problems/content-too-large", HttpStatus.CONTENT_TOO_LARGE,
                "A request with an %s may have a body of at most %d KiB."
                        .formatted(IdempotencyFilter.HEADER, maxBodyBytes / 1024), null));
    }

    static Mono<Void> keyReused(ServerHttpResponse response) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return write(response, status, body("/problems/idempotency-key-reused", status,
                "This Idempotency-Key was used for another request; use a new key for a new request.",
                "idempotency-key-reused"));
    }

    static Mono<Void> inFlight(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        HttpStatus status = HttpStatus.CONFLICT;
        return write(response, status, body("/problems/idempotency-key-in-flight", status,
                "A request with this Idempotency-Key is still being handled; retry shortly to get its answer.",
                "idempotency-key-in-flight"));
    }

    private static String body(String type, HttpStatus status, String detail, String code) {
        return "{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}";
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String body) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
