package dev.tandem.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import dev.tandem.support.web.PlatformProblemHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;

/**
 * The filter in a small WebFlux application behind real Spring Security (so that it must run after
 * authentication to see a subject), with the platform's problem handler and a real PostgreSQL.
 */
class IdempotencyFilterTest {

    private static AnnotationConfigApplicationContext context;
    private static WebTestClient client;
    private static TestController handlers;
    private static TestClock clock;

    @BeforeAll
    static void start() {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "platform.idempotency.purge.enabled", "false",
                "platform.idempotency.max-body-size", "1KB")));
        context.register(TestApplication.class);
        context.refresh();
        client = WebTestClient.bindToApplicationContext(context).configureClient()
                .responseTimeout(Duration.ofSeconds(20)).build();
        handlers = context.getBean(TestController.class);
        clock = context.getBean(TestClock.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void clear() {
        TestDatabase.truncate("idempotency_key");
        handlers.reset();
    }

    @Test
    void repeatGetsTheFirstAnswerAgainWithoutRunningTheHandler() {
        EntityExchangeResult<String> first = post("alice", "/api/things", "key-1", "{\"text\":\"hello\"}")
                .expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                .expectBody(String.class).returnResult();

        EntityExchangeResult<String> repeat = post("alice", "/api/things", "key-1", "{\"text\":\"hello\"}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody(String.class).returnResult();

        assertThat(handlers.calls("things")).isEqualTo(1);
        assertThat(first.getResponseBody()).contains("thing-1").contains("hello");
        assertThat(repeat.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(repeat.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation())
                .hasToString("/api/things/thing-1");
        assertThat(repeat.getResponseHeaders().getContentType())
                .isEqualTo(first.getResponseHeaders().getContentType());
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedWith422() {
        post("alice", "/api/things", "key-1", "{\"text\":\"hello\"}").expectStatus().isCreated();

        post("alice", "/api/things", "key-1", "{\"text\":\"goodbye\"}")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused")
                .jsonPath("$.status").isEqualTo(422)
                .jsonPath("$.title").exists()
                .jsonPath("$.detail").exists();

        assertThat(handlers.calls("things")).isEqualTo(1);
    }

    @Test
    void sameKeyOnAnotherPathIsRefusedWith422() {
        post("alice", "/api/things", "key-1", "{}").expectStatus().isCreated();

        post("alice", "/api/refusals", "key-1", "{}").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        assertThat(handlers.calls("refusals")).isZero();
    }

    @Test
    void repeatWhileTheFirstIsStillRunningGets409AndThenTheFirstAnswer() {
        CompletableFuture<EntityExchangeResult<String>> first = CompletableFuture.supplyAsync(() ->
                post("alice", "/api/slow", "key-1", "{}").expectBody(String.class).returnResult());
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.calls("slow") == 1);

        post("alice", "/api/slow", "key-1", "{}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-in-flight");

        handlers.openGate();
        assertThat(first.join().getStatus()).isEqualTo(HttpStatus.CREATED);
        post("alice", "/api/slow", "key-1", "{}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true");
        assertThat(handlers.calls("slow")).isEqualTo(1);
    }

    @Test
    void keyHeldTooLongByARequestThatNeverAnsweredIsTakenOver() {
        CompletableFuture<EntityExchangeResult<String>> stuck = CompletableFuture.supplyAsync(() ->
                post("alice", "/api/slow", "key-1", "{}").expectBody(String.class).returnResult());
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.calls("slow") == 1);
        clock.advance(Duration.ofMinutes(3));

        CompletableFuture<EntityExchangeResult<String>> takeover = CompletableFuture.supplyAsync(() ->
                post("alice", "/api/slow", "key-1", "{}").expectBody(String.class).returnResult());
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.calls("slow") == 2);
        handlers.openGate();
        stuck.join();
        takeover.join();

        post("alice", "/api/slow", "key-1", "{}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody().jsonPath("$.call").isEqualTo(2);
    }

    @Test
    void subjectsKeepTheirKeysApart() {
        post("alice", "/api/things", "shared", "{\"text\":\"from alice\"}").expectStatus().isCreated();

        post("bob", "/api/things", "shared", "{\"text\":\"from bob\"}")
                .expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                .expectBody().jsonPath("$.received").isEqualTo("{\"text\":\"from bob\"}");
        post("bob", "/api/things", "shared", "{\"text\":\"from alice\"}")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        assertThat(handlers.calls("things")).isEqualTo(2);
    }

    @Test
    void serviceUnavailableIsNotKeptSoARetryRunsTheHandlerAgain() {
        post("alice", "/api/unavailable", "key-1", "{}").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        post("alice", "/api/unavailable", "key-1", "{}")
                .expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED);

        assertThat(handlers.calls("unavailable")).isEqualTo(2);
    }

    @Test
    void failureIsNotKeptSoARetryRunsTheHandlerAgain() {
        post("alice", "/api/failing", "key-1", "{}")
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        post("alice", "/api/failing", "key-1", "{}").expectStatus().isCreated();
        post("alice", "/api/failing", "key-1", "{}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true");

        assertThat(handlers.calls("failing")).isEqualTo(2);
    }

    @Test
    void refusalBelow500IsKeptAndReplayed() {
        post("alice", "/api/refusals", "key-1", "{}").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        post("alice", "/api/refusals", "key-1", "{}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody().jsonPath("$.refusal").isEqualTo(1);

        assertThat(handlers.calls("refusals")).isEqualTo(1);
    }

    @Test
    void emptyAnswerIsKeptAndReplayed() {
        client.post().uri("/api/acknowledgements").headers(h -> auth(h, "alice", "ack"))
                .exchange().expectStatus().isNoContent();

        client.post().uri("/api/acknowledgements").headers(h -> auth(h, "alice", "ack"))
                .exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true");

        assertThat(handlers.calls("acknowledgements")).isEqualTo(1);
    }

    @Test
    void keyOlderThan24HoursIsHandledAnew() {
        post("alice", "/api/things", "key-1", "{\"text\":\"hello\"}").expectStatus().isCreated();
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        post("alice", "/api/things", "key-1", "{\"text\":\"another day\"}")
                .expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                .expectBody().jsonPath("$.id").isEqualTo("thing-2");
        post("alice", "/api/things", "key-1", "{\"text\":\"another day\"}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true");

        assertThat(handlers.calls("things")).isEqualTo(2);
    }

    @Test
    void requestWithoutAKeyIsLeftAlone() {
        for (int i = 0; i < 2; i++) {
            client.post().uri("/api/things").headers(h -> h.setBasicAuth("alice", "pw"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"hello\"}")
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody().jsonPath("$.received").isEqualTo("{\"text\":\"hello\"}");
        }

        assertThat(handlers.calls("things")).isEqualTo(2);
        assertThat(rows()).isZero();
    }

    @Test
    void signInIsLeftAlone() {
        for (int i = 0; i < 2; i++) {
            client.post().uri("/api/auth/login").header(IdempotencyFilter.HEADER, "key-1")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED);
        }

        assertThat(handlers.calls("login")).isEqualTo(2);
    }

    @Test
    void otherMethodsAreLeftAlone() {
        client.method(HttpMethod.PUT).uri("/api/things").headers(h -> auth(h, "alice", "key-1"))
                .exchange().expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);

        assertThat(rows()).isZero();
    }

    @Test
    void badKeyIsRefusedWith400NamingTheHeader() {
        for (String key : new String[] {"", " ", "x".repeat(256), "tab\tinside", "caf\u00e9"}) {
            post("alice", "/api/things", key, "{}")
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        }

        post("alice", "/api/things", "x".repeat(255), "{}").expectStatus().isCreated();
        assertThat(handlers.calls("things")).isEqualTo(1);
    }

    @Test
    void twoKeysOnOneRequestAreRefusedWith400() {
        client.post().uri("/api/things").headers(h -> {
                    h.setBasicAuth("alice", "pw");
                    h.add(IdempotencyFilter.HEADER, "one");
                    h.add(IdempotencyFilter.HEADER, "two");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest();

        assertThat(handlers.calls("things")).isZero();
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        post("alice", "/api/things", "key-1", "{\"text\":\"" + "x".repeat(1100) + "\"}")
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);

        assertThat(handlers.calls("things")).isZero();
        assertThat(rows()).isZero();
    }

    private static WebTestClient.ResponseSpec post(String user, String path, String key, String body) {
        return client.post().uri(path).headers(h -> auth(h, user, key))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private static void auth(HttpHeaders headers, String user, String key) {
        headers.setBasicAuth(user, "pw");
        headers.set(IdempotencyFilter.HEADER, key);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @EnableWebFluxSecurity
    @Import({IdempotencyConfiguration.class, PlatformProblemHandler.class, TestController.class})
    static class TestApplication {

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(Customizer.withDefaults())
                    .authorizeExchange(exchanges -> exchanges
                            .pathMatchers(HttpMethod.POST, "/api/auth/login").permitAll()
                            .anyExchange().authenticated())
                    .build();
        }

        @Bean
        MapReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(
                    User.withUsername("alice").password("{noop}pw").roles("CARER").build(),
                    User.withUsername("bob").password("{noop}pw").roles("CARER").build());
        }

        @Bean
        JdbcClient jdbcClient() {
            return TestDatabase.jdbc();
        }

        @Bean
        TestClock clock() {
            return new TestClock(Instant.parse("2026-11-23T09:30:00Z"));
        }
    }

    private static long rows() {
        return TestDatabase.jdbc().sql("SELECT count(*) FROM idempotency_key").query(Long.class).single();
    }
}
