package dev.tandem.command.idempotency;

import dev.tandem.command.idempotency.IdempotencyStore.Answer;
import dev.tandem.command.idempotency.IdempotencyStore.Claim;
import dev.tandem.command.idempotency.IdempotencyStore.Kept;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The contract's {@code Idempotency-Key} on a POST under {@code /api/}: a repeat with the same key and
 * the same request within 24 hours gets the first answer again (with {@code Idempotent-Replayed: true})
 * and the handler does not run; the same key with another request gets 422.
 * <ul>
 * <li>Keys belong to the signed-in subject: a key is the client's name for one of its own requests,
 * and two clients cannot coordinate their keys (nor should one learn another's answers). So this runs
 * after Spring Security and leaves requests without a subject alone; sign-in is one (a repeated
 * sign-in is harmless), the Twilio webhooks are others (their signature and MessageSid make them
 * idempotent already).</li>
 * <li>A repeat that arrives while the first is still being handled gets 409 with {@code Retry-After}:
 * there is no answer to give yet, and waiting for it here would hold a connection for as long as the
 * command takes. A hold left by a crashed process can be taken over after
 * {@code platform.idempotency.in-flight-timeout}.</li>
 * <li>An answer of 500 or more (or a failure) is not kept: the key is given up so that a retry runs
 * the handler again. Such an answer means the platform, not the request, failed, and replaying it for
 * 24 hours would turn a passing fault into a lasting one. Answers below 500 are kept, refusals included:
 * they are what the request got.</li>
 * </ul>
 * The fingerprint is a SHA-256 of the method, the path with its query and the body's bytes; the body is
 * read here (at most {@code platform.idempotency.max-body-size}) and handed on unchanged.
 * Neither keys nor bodies are logged.
 */
public class IdempotencyFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    /**
     * Just after Spring Security's {@code WebFilterChainProxy}, which {@code @EnableWebFluxSecurity}
     * registers at {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER} (-100; that class
     * is not public, and Boot 4 offers no property for it in a reactive application).
     */
    public static final int ORDER = -100 + 10;

    static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration inFlightTimeout;
    private final int maxBodyBytes;

    IdempotencyFilter(IdempotencyStore store, Clock clock, IdempotencyProperties properties) {
        this.store = store;
        this.clock = clock;
        this.inFlightTimeout = properties.inFlightTimeout();
        this.maxBodyBytes = Math.toIntExact(properties.maxBodySize().toBytes());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> keys = request.getHeaders().get(HEADER);
        if (keys == null || !applies(request)) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(principal -> !(principal instanceof AnonymousAuthenticationToken))
                .map(principal -> Optional.of(principal.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(subject -> subject.isEmpty()
                        ? chain.filter(exchange)
                        : keyed(exchange, chain, subject.get(), keys));
    }

    private static boolean applies(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return HttpMethod.POST.equals(request.getMethod()) && path.startsWith("/api/")
                && !path.equals("/api/auth/login");
    }

    private Mono<Void> keyed(ServerWebExchange exchange, WebFilterChain chain, String subject, List<String> keys) {
        if (keys.size() != 1 || !validKey(keys.get(0))) {
            return Problems.invalidKey(exchange.getResponse());
        }
        long declaredLength = exchange.getRequest().getHeaders().getContentLength();
        if (declaredLength > maxBodyBytes) {
            return Problems.tooLarge(exchange.getResponse(), maxBodyBytes);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(IdempotencyFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .map(Optional::of)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Optional.empty()))
                .flatMap(body -> body.isEmpty()
                        ? Problems.tooLarge(exchange.getResponse(), maxBodyBytes)
                        : claimed(exchange, chain, new Claim(subject, keys.get(0),
                                fingerprint(exchange.getRequest(), body.get()), now()), body.get()));
    }

    private Mono<Void> claimed(ServerWebExchange exchange, WebFilterChain chain, Claim claim, byte[] body) {
        Instant now = claim.createdAt();
        return blocking(() -> store.claim(claim, now.minus(RETENTION), now.minus(inFlightTimeout)))
                .flatMap(won -> won
                        ? handle(exchange, chain, claim, body)
                        : blocking(() -> store.find(claim.subject(), claim.key()))
                                .flatMap(kept -> answerAgain(exchange.getResponse(), claim, kept)));
    }

    private static Mono<Void> answerAgain(ServerHttpResponse response, Claim claim, Optional<Kept> kept) {
        if (kept.isPresent() && !kept.get().fingerprint().equals(claim.fingerprint())) {
            return Problems.keyReused(response);
        }
        if (kept.isEmpty() || kept.get().answer() == null) {
            // None yet: the first is still running (or has just failed and given the key up).
            return Problems.inFlight(response);
        }
        Answer answer = kept.get().answer();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        if (answer.location() != null) {
            headers.set(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        headers.set(REPLAYED, "true");
        return answer.body().length == 0
                ? response.setComplete()
                : response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, Claim claim, byte[] body) {
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        CapturingResponse response = new CapturingResponse(exchange.getResponse(), claim);
        return chain.filter(exchange.mutate().request(request).response(response).build())
                // A handler may complete without writing (an empty answer): keep what it set.
                .then(Mono.defer(() -> response.settle(new byte[0])))
                .onErrorResume(e -> response.giveUp().then(Mono.error(e)))
                .doOnCancel(() -> response.giveUp().subscribe());
    }

    /** Passes the answer on, after keeping it (below 500) or giving the key up (otherwise). */
    private final class CapturingResponse extends ServerHttpResponseDecorator {

        private final Claim claim;
        private final AtomicBoolean settled = new AtomicBoolean();

        CapturingResponse(ServerHttpResponse delegate, Claim claim) {
            super(delegate);
            this.claim = claim;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body)
                    .map(IdempotencyFilter::bytes)
                    .defaultIfEmpty(new byte[0])
                    .flatMap(bytes -> settle(bytes).then(Mono.defer(() ->
                            getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes))))));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return settle(new byte[0]).then(Mono.defer(() -> getDelegate().setComplete()));
        }

        Mono<Void> settle(byte[] body) {
            if (!settled.compareAndSet(false, true)) {
                return Mono.empty();
            }
            HttpStatusCode status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
            if (status.is5xxServerError()) {
                return release();
            }
            HttpHeaders headers = getHeaders();
            MediaType contentType = headers.getContentType();
            Answer answer = new Answer(status.value(), headers.getFirst(HttpHeaders.LOCATION),
                    contentType == null ? null : contentType.toString(), body);
            return blocking(() -> {
                store.complete(claim, answer);
                return true;
            }).onErrorResume(e -> {
                // The answer still goes out; the key stays held until in-flight-timeout, then a repeat runs anew.
                log.warn("Could not keep an answer for an idempotent request: {}", e.getClass().getSimpleName());
                return Mono.empty();
            }).then();
        }

        Mono<Void> giveUp() {
            return settled.compareAndSet(false, true) ? release() : Mono.empty();
        }

        private Mono<Void> release() {
            return blocking(() -> {
                store.release(claim);
                return true;
            }).onErrorResume(e -> {
                log.warn("Could not give up an idempotency key after a failure: {}", e.getClass().getSimpleName());
                return Mono.empty();
            }).then();
        }
    }

    /** To PostgreSQL's precision, so that a claim's {@code created_at} compares equal when read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.isBlank()) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static String fingerprint(ServerHttpRequest request, byte[] body) {
        String query = request.getURI().getRawQuery();
        String target = request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(request.getMethod().name().getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
