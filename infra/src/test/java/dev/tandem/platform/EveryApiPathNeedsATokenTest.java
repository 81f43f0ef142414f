package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/**} endpoint the platform maps, found from the running application rather than
 * listed by hand, answers 401 problem+json without a bearer token and with a forged one; only sign-in
 * is open. A new endpoint is covered the day it is added.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.data-dir=target/journey-test-data/${random.uuid}")
@ActiveProfiles("embedded")
class EveryApiPathNeedsATokenTest {

    private static final String FORGED = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lIiwicm9sZXMiOlsiTUFOQUdFUiJdLCJpc3MiOiJ0YW5kZW0ifQ."
            + "c2lnbmVkLXdpdGgtYW5vdGhlci1rZXk";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointButSignInRefusesAMissingOrForgedToken() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        List<String> checked = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (var pattern : info.getPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
                if (!path.startsWith("/api/") || path.equals("/api/auth/login")) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    HttpMethod httpMethod = HttpMethod.valueOf(method.name());
                    for (String token : new String[] {null, FORGED}) {
                        http.method(httpMethod).uri(path)
                                .headers(h -> {
                                    if (token != null) {
                                        h.setBearerAuth(token);
                                    }
                                })
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of())
                                .exchange()
                                .expectStatus().isUnauthorized()
                                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                    }
                    checked.add(method + " " + path);
                }
            }
        }
        assertThat(checked).as("the API endpoints found").hasSizeGreaterThanOrEqualTo(12)
                .contains("POST /api/children/00000000-0000-0000-0000-000000000001/observations",
                        "GET /api/families/00000000-0000-0000-0000-000000000001/timeline");
    }
}
