package dev.tandem.command.idempotency;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Handlers shaped like the command side's, counting how often each runs. */
@RestController
class TestController {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Sinks.Empty<Void> gate = Sinks.empty();

    int calls(String handler) {
        return calls.computeIfAbsent(handler, h -> new AtomicInteger()).get();
    }

    void reset() {
        calls.clear();
        gate = Sinks.empty();
    }

    void openGate() {
        gate.tryEmitEmpty();
    }

    private int count(String handler) {
        return calls.computeIfAbsent(handler, h -> new AtomicInteger()).incrementAndGet();
    }

    @PostMapping("/api/things")
    Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody(required = false) String body) {
        String id = "thing-" + count("things");
        return Mono.just(ResponseEntity.created(URI.create("/api/things/" + id))
                .body(Map.of("id", id, "received", body == null ? "" : body)));
    }

    @PostMapping("/api/refusals")
    Mono<ResponseEntity<Map<String, Object>>> refuse() {
        return Mono.just(ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("refusal", count("refusals"))));
    }

    @PostMapping("/api/acknowledgements")
    Mono<ResponseEntity<Void>> acknowledge() {
        count("acknowledgements");
        return Mono.just(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/unavailable")
    Mono<ResponseEntity<Map<String, Object>>> unavailableOnce() {
        int call = count("unavailable");
        return Mono.just(call == 1
                ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("call", call))
                : ResponseEntity.status(HttpStatus.CREATED).body(Map.of("call", call)));
    }

    @PostMapping("/api/failing")
    Mono<ResponseEntity<Map<String, Object>>> failOnce() {
        int call = count("failing");
        return call == 1
                ? Mono.error(new IllegalStateException("the first call fails"))
                : Mono.just(ResponseEntity.status(HttpStatus.CREATED).body(Map.of("call", call)));
    }

    @PostMapping("/api/auth/login")
    Mono<ResponseEntity<Map<String, Object>>> signIn() {
        return Mono.just(ResponseEntity.ok(Map.of("signIn", count("login"))));
    }

    @PostMapping("/api/slow")
    Mono<ResponseEntity<Map<String, Object>>> slow() {
        int call = count("slow");
        return gate.asMono().thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(Map.of("call", call)));
    }
}
