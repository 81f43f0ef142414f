package dev.tandem.platform.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.platform.crash.FourFamilies.Family;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The contract's operations clause on the embedded default, with the platform as a JVM of its own, from
 * one start to the next: a second platform started against the data directory of a running one is refused
 * and names it; {@code SIGTERM} stops the platform within 10 s with ten timeline streams open, stopping its
 * PostgreSQL too (the server is a process of its own, which would otherwise hold the directory); and a
 * read-model file damaged while it was down is moved aside at the next start and the timelines rebuilt
 * from the event store.
 */
class StopAndStartAgainTest {

    private static final int STREAMS = 10;
    private static final Duration CONTRACT_BOUND = Duration.ofSeconds(10);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path dataDir = Path.of("target", "crash-test-data", run).toAbsolutePath();
    private final Path logs = Path.of("target", "crash-test-logs").toAbsolutePath();
    private final List<PlatformProcess> started = new ArrayList<>();

    @AfterEach
    void leaveNothingRunning() throws InterruptedException {
        for (PlatformProcess platform : started) {
            platform.close();
        }
        PlatformProcess.stopLeftoverPostmaster(dataDir);
    }

    @Test
    void aHeldDirectoryIsRefusedSigtermStopsWithinTenSecondsWithStreamsOpenAndDamagedReadModelsAreRebuilt()
            throws Exception {
        int port = PlatformProcess.freePort();
        PlatformProcess platform = start(port, "first");
        PlatformApi api = new PlatformApi(platform.baseUrl());
        platform.awaitHealthy(api.http);
        FourFamilies room = FourFamilies.setUp(api, run);
        Family family = room.families().get(0);
        String observation = api.create(room.keyPersonToken(), "/api/children/" + family.childId() + "/observations",
                Map.of("text", "Built a tower of six blocks.", "areas", List.of("MATHEMATICS"), "nextSteps", "Seven."));
        String announcement = api.create(room.keyPersonToken(), "/api/rooms/" + room.roomId() + "/announcements",
                Map.of("title", "Pyjama day", "text", "Come in pyjamas on Friday!", "urgent", false));
        await().atMost(CATCH_UP).untilAsserted(() ->
                assertThat(timelineIds(api, room, family)).contains(observation, announcement));

        PlatformProcess second = start(PlatformProcess.freePort(), "second");
        assertThat(second.awaitExit(PlatformProcess.START_PATIENCE)).as("exit code of the refused start").isNotZero();
        assertThat(second.output()).contains("data directory " + dataDir + " is in use by another running platform (pid "
                + platform.pid() + ")");
        assertThat(api.get("/actuator/health", null).status()).as("the running platform is untouched").isEqualTo(200);

        List<CompletableFuture<HttpResponse<InputStream>>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String familyId = room.families().get(i % room.families().size()).id();
            streams.add(api.http.sendAsync(HttpRequest.newBuilder(
                            URI.create(platform.baseUrl() + "/api/families/" + familyId + "/timeline/stream"))
                    .header("Authorization", "Bearer " + room.managerToken())
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (CompletableFuture<HttpResponse<InputStream>> stream : streams) {
            assertThat(stream.get(30, TimeUnit.SECONDS).statusCode()).as("an open stream").isEqualTo(200);
        }
        ProcessHandle postgres = platform.postmaster().orElseThrow();

        Duration stop = platform.terminate(Duration.ofSeconds(60));
        System.out.printf(Locale.ROOT, "SIGTERM with %d timeline streams open: the platform exited after %.1f s%n",
                STREAMS, stop.toMillis() / 1000.0);
        assertThat(stop).as("SIGTERM to exit").isLessThan(CONTRACT_BOUND);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(postgres.isAlive()).as("PostgreSQL %d after the platform exited", postgres.pid()).isFalse());
        assertThat(platform.postmaster()).as("a PostgreSQL named by the data directory").isEmpty();

        byte[] damage = new byte[64 * 1024];
        new Random(17).nextBytes(damage);
        Files.write(dataDir.resolve("read-models"), damage);
        PlatformProcess again = start(port, "again");
        again.awaitHealthy(api.http);
        assertThat(again.output()).contains("could not be opened", "rebuilt from the event store");
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Family each : room.families()) {
                assertThat(timelineIds(api, room, each)).as("rebuilt timeline of family %s", each.id())
                        .contains(announcement);
            }
            assertThat(timelineIds(api, room, family)).contains(observation);
        });
        again.terminate(Duration.ofSeconds(60));
    }

    private PlatformProcess start(int port, String which) {
        PlatformProcess platform = PlatformProcess.start(dataDir, port, logs.resolve("stop-and-start-" + run + "-" + which + ".log"));
        started.add(platform);
        return platform;
    }

    private static List<String> timelineIds(PlatformApi api, FourFamilies room, Family family) throws Exception {
        List<String> ids = new ArrayList<>();
        JsonNode timeline = api.ok(api.get("/api/families/" + family.id() + "/timeline?limit=50", room.managerToken()),
                "timeline of " + family.id());
        timeline.get("entries").forEach(entry -> ids.add(entry.get("id").asString()));
        return ids;
    }
}
