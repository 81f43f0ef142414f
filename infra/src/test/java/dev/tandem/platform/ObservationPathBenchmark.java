package dev.tandem.platform;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * How long one observation takes to travel the path, on the embedded default: the POST itself, until
 * the entry is in the family's timeline, until the SMS is at the Twilio stand-in. Printed as medians
 * and 90th percentiles, with a raw baseline measured in the same run (an authenticated GET of an empty
 * inbox: HTTP, token check, one query), so the figures are ratios that survive a noisy machine.
 *
 * <p>Not part of {@code mvn verify}; run it with
 * {@code mvn -pl infra -am verify -DexcludedGroups= -Dtest=ObservationPathBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Every loop is bounded in count and time, and all traffic stays on 127.0.0.1.
 */
@Tag("benchmark")
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.data-dir=target/benchmark-data/${random.uuid}", "logging.level.root=warn"})
@ActiveProfiles("embedded")
class ObservationPathBenchmark {

    private static final int WARM_UP = 10;
    private static final int MEASURED = 40;
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(2);

    @LocalServerPort
    int port;

    @Test
    void observationPath() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build();
        Nursery nursery = Nursery.setUp(http);

        List<Long> baseline = new ArrayList<>();
        List<Long> post = new ArrayList<>();
        List<Long> toTimeline = new ArrayList<>();
        List<Long> toOutbox = new ArrayList<>();
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            boolean measured = i >= WARM_UP;

            long start = System.nanoTime();
            http.get().uri("/api/staff/{id}/inbox", nursery.keyPersonId())
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .exchange().expectStatus().isOk();
            long baselineNanos = System.nanoTime() - start;

            String text = "Observation " + i + " of the benchmark";
            start = System.nanoTime();
            String updateId = http.post().uri("/api/children/{id}/observations", nursery.childId())
                    .headers(h -> h.setBearerAuth(nursery.keyPersonToken()))
                    .bodyValue(Map.of("text", text, "areas", List.of("LITERACY")))
                    .exchange().expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
            long posted = System.nanoTime() - start;
            long inTimeline = waitFor(start, () -> latestTimelineEntry(http, nursery).equals(updateId));
            int smsBefore = i;
            long inOutbox = waitFor(start, () -> smsCount(http, nursery) > smsBefore);
            if (measured) {
                baseline.add(baselineNanos);
                post.add(posted);
                toTimeline.add(inTimeline);
                toOutbox.add(inOutbox);
            }
        }

        System.out.printf("%nObservation path on the embedded default, %d observations after %d warm-up:%n",
                MEASURED, WARM_UP);
        print("baseline: GET inbox", baseline, baseline);
        print("POST observation (201)", post, baseline);
        print("POST -> entry in timeline", toTimeline, baseline);
        print("POST -> SMS at Twilio stand-in", toOutbox, baseline);
    }

    private static long waitFor(long start, BooleanSupplier arrived) {
        await().atMost(PATIENCE).pollInterval(POLL).pollDelay(Duration.ZERO).until(arrived::getAsBoolean);
        return System.nanoTime() - start;
    }

    private static String latestTimelineEntry(WebTestClient http, Nursery nursery) {
        JsonNode entries = http.get().uri("/api/families/{id}/timeline?limit=1", nursery.familyId())
                .headers(h -> h.setBearerAuth(nursery.polishCarerToken()))
                .exchange().expectBody(JsonNode.class).returnResult().getResponseBody().get("entries");
        return entries.isEmpty() ? "" : entries.get(0).get("id").asString();
    }

    private static int smsCount(WebTestClient http, Nursery nursery) {
        return http.get().uri(b -> b.path("/sandbox/outbox").queryParam("channel", "SMS")
                        .queryParam("to", nursery.polishCarerPhone()).build())
                .exchange().expectBody(JsonNode.class).returnResult().getResponseBody().get("messages").size();
    }

    private static void print(String what, List<Long> nanos, List<Long> baseline) {
        double median = percentile(nanos, 50);
        System.out.printf("  %-32s median %7.1f ms   p90 %7.1f ms   x%.1f baseline%n", what, median / 1e6,
                percentile(nanos, 90) / 1e6, median / percentile(baseline, 50));
    }

    private static double percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
