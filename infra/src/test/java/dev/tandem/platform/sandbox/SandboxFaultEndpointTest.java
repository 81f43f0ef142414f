package dev.tandem.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import dev.tandem.support.web.PlatformProblemHandler;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /sandbox/faults} and {@code DELETE /sandbox/faults}: what the stand-ins are told, and refusals. */
class SandboxFaultEndpointTest {

    SandboxFaults faults;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        faults = new SandboxFaults();
        http = WebTestClient.bindToController(new FaultController(faults))
                .controllerAdvice(new PlatformProblemHandler())
                .build();
    }

    @Test
    void aFaultIsTakenByTheNextRequestsOfItsChannelOnly() {
        post(Map.of("channel", "SMS", "kind", "UNAVAILABLE", "count", 2)).expectStatus().isNoContent();
        post(Map.of("channel", "push", "kind", "rejected", "count", 1)).expectStatus().isNoContent();

        assertThat(faults.take("SMS")).contains(Kind.UNAVAILABLE);
        assertThat(faults.take("SMS")).contains(Kind.UNAVAILABLE);
        assertThat(faults.take("SMS")).isEmpty();
        assertThat(faults.take("EMAIL")).isEmpty();
        assertThat(faults.take("PUSH")).contains(Kind.REJECTED);
    }

    @Test
    void deleteClearsEveryFault() {
        post(Map.of("channel", "EMAIL", "kind", "NO_ANSWER", "count", 3)).expectStatus().isNoContent();

        http.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();

        assertThat(faults.take("EMAIL")).isEmpty();
    }

    @Test
    void aBadFaultNamesEveryBadFieldAndChangesNothing() {
        post(Map.of("channel", "PIGEON", "kind", "LATE", "count", 0))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'channel')]").exists()
                .jsonPath("$.errors[?(@.field == 'kind')]").exists()
                .jsonPath("$.errors[?(@.field == 'count')]").exists();
        post(Map.of("channel", "EMAIL", "kind", "UNDELIVERED", "count", 1)).expectStatus().isBadRequest();

        assertThat(faults.take("EMAIL")).isEmpty();
        assertThat(faults.take("PIGEON")).isEmpty();
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return http.post().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
