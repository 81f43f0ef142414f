package dev.tandem.platform.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.platform.crash.FourFamilies.Carer;
import dev.tandem.platform.crash.FourFamilies.Family;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The contract's crash clause on the embedded default: a platform killed at any instant ({@code kill -9})
 * and started again on the same data directory loses no command it answered 2xx and sends no message
 * twice on a channel. The platform runs as a JVM of its own; a key person's client streams observations
 * and room announcements at it, and it is killed (SIGKILL: no shutdown hook runs, the PostgreSQL it
 * started is left running) mid-stream, soon after a broadcast to the whole room was answered, while the
 * notifier is still at work. It must then start again on the same directory, take the rest of the stream,
 * show every answered command in the families' timelines, and have told each carer of each answered
 * update, never twice on a channel, as the sandbox's outbox (which survives the restart) shows.
 */
class KillAndRestartTest {

    private static final int COMMANDS = 40;
    /** Command 14 is a room announcement (four families, eight carers): the kill falls soon after it is answered. */
    private static final int KILL_AFTER_ANSWERED = 15;
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

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
    void aPlatformKilledMidStreamComesBackWithEveryAnsweredCommandAndTellsNoCarerTwice() throws Exception {
        int port = PlatformProcess.freePort();
        PlatformProcess first = start(port, "first");
        PlatformApi api = new PlatformApi(first.baseUrl());
        first.awaitHealthy(api.http);
        FourFamilies room = FourFamilies.setUp(api, run);
        CommandStream stream = new CommandStream(api, room, run);

        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> cutOffAt = client.submit(() -> stream.sendFrom(0));
            await().atMost(Duration.ofSeconds(90)).until(() -> stream.answered().size() >= KILL_AFTER_ANSWERED);
            first.kill();
            int next = cutOffAt.get(60, TimeUnit.SECONDS);
            assertThat(next).as("the kill fell inside the stream").isLessThan(COMMANDS);
        } finally {
            client.shutdownNow();
        }
        assertThat(first.postmaster()).as("the killed platform's PostgreSQL is still running, holding the directory")
                .isPresent();

        PlatformProcess second = start(port, "second");
        Duration backIn = second.awaitHealthy(api.http);
        System.out.printf(Locale.ROOT, "Kill and restart: %d commands answered before the kill, %d cut off; "
                        + "healthy again %.1f s after the restart%n", stream.answered().size(), stream.cutOff().size(),
                backIn.toMillis() / 1000.0);
        assertThat(second.output()).contains("left by a platform that did not stop cleanly");

        assertThat(stream.sendFrom(stream.cutOffIndex() + 1)).as("the restarted platform takes the rest").isEqualTo(COMMANDS);
        assertThat(stream.refused()).as("answers other than 2xx").isEmpty();

        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Family family : room.families()) {
                assertThat(timelineIds(api, room, family)).as("timeline of family %s", family.id())
                        .containsAll(stream.answeredFor(family));
            }
        });

        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Outbox outbox = Outbox.read(api, run);
            for (Sent command : stream.answered()) {
                for (Carer carer : command.recipients()) {
                    if (outbox.toldOnAnyChannel(command.index(), carer) == 0) {
                        // an attempt cut off by the kill on the carer's last channel may have failed for good
                        assertThat(failedDeliveries(api, room, command.id(), carer))
                                .as("carer %s of command %d is neither told nor marked failed", carer.id(), command.index())
                                .isNotEmpty();
                    }
                }
            }
        });

        Outbox outbox = Outbox.read(api, run);
        assertThat(outbox.sentTwiceOnAChannel()).as("messages sent twice on one channel").isEmpty();
        long notTold = 0;
        for (Sent command : stream.answered()) {
            notTold += command.recipients().stream().filter(carer -> outbox.toldOnAnyChannel(command.index(), carer) == 0).count();
        }
        System.out.printf(Locale.ROOT, "Kill and restart: %d messages about the stream, none twice on a channel; "
                + "%d carers' notifications failed for good (cut off on their last channel)%n", outbox.size(), notTold);
        assertThat(outbox.size()).as("messages about the stream").isGreaterThan(0);
        second.terminate(Duration.ofSeconds(30));
    }

    private PlatformProcess start(int port, String which) {
        PlatformProcess platform = PlatformProcess.start(dataDir, port, logs.resolve("kill-and-restart-" + run + "-" + which + ".log"));
        started.add(platform);
        return platform;
    }

    private static Set<String> timelineIds(PlatformApi api, FourFamilies room, Family family) throws Exception {
        Set<String> ids = new HashSet<>();
        String path = "/api/families/" + family.id() + "/timeline?limit=50";
        for (int page = 0; path != null && page < 10; page++) {
            JsonNode timeline = api.ok(api.get(path, room.managerToken()), "timeline of " + family.id());
            timeline.get("entries").forEach(entry -> ids.add(entry.get("id").asString()));
            JsonNode next = timeline.get("next");
            path = next == null || next.isNull() ? null
                    : "/api/families/" + family.id() + "/timeline?limit=50&before=" + next.asString();
        }
        return ids;
    }

    private static List<String> failedDeliveries(PlatformApi api, FourFamilies room, String updateId, Carer carer)
            throws Exception {
        List<String> failed = new ArrayList<>();
        JsonNode deliveries = api.ok(api.get("/api/updates/" + updateId + "/deliveries", room.managerToken()),
                "deliveries of " + updateId);
        deliveries.get("deliveries").forEach(row -> {
            if (row.get("carerId").asString().equals(carer.id()) && row.get("status").asString().equals("FAILED")) {
                failed.add(row.get("channel").asString());
            }
        });
        return failed;
    }

    /** One command of the stream that got an answer: what it created, and who is to be told of it. */
    record Sent(int index, String id, List<Carer> recipients, List<Family> families) {
    }

    /**
     * The key person's client: observations about each child in turn, and every third command an
     * announcement to the whole room, each marked {@code KR-<run>-<n>} so its messages can be counted.
     * Sends one command at a time; a command whose answer never came (the platform died under it) ends
     * the run, as a client would stop until the platform is back.
     */
    static final class CommandStream {

        private final PlatformApi api;
        private final FourFamilies room;
        private final String run;
        private final Map<Integer, Sent> answered = new ConcurrentHashMap<>();
        private final Map<Integer, String> refused = new ConcurrentHashMap<>();
        private final Map<Integer, String> cutOff = new ConcurrentHashMap<>();

        CommandStream(PlatformApi api, FourFamilies room, String run) {
            this.api = api;
            this.room = room;
            this.run = run;
        }

        /** Sends commands {@code from} onwards; the index it stopped at ({@link #COMMANDS} when all were sent). */
        int sendFrom(int from) throws InterruptedException {
            for (int i = from; i < COMMANDS; i++) {
                try {
                    send(i);
                } catch (IOException platformGone) {
                    cutOff.put(i, String.valueOf(platformGone));
                    return i;
                }
            }
            return COMMANDS;
        }

        private void send(int i) throws IOException, InterruptedException {
            String marker = "KR-" + run + "-" + i;
            boolean announcement = i % 3 == 2;
            Family family = room.families().get(i % room.families().size());
            PlatformApi.Answer answer = announcement
                    ? api.post("/api/rooms/" + room.roomId() + "/announcements", room.keyPersonToken(),
                            Map.of("title", "Notice " + marker, "text", "Wellies tomorrow, please. " + marker, "urgent", false))
                    : api.post("/api/children/" + family.childId() + "/observations", room.keyPersonToken(),
                            Map.of("text", "Counted to ten in the sandpit. " + marker, "areas", List.of("MATHEMATICS"),
                                    "nextSteps", "Count beyond ten."));
            if (!answer.ok()) {
                refused.put(i, answer.status() + " " + answer.body());
                return;
            }
            List<Family> told = announcement ? room.families() : List.of(family);
            answered.put(i, new Sent(i, answer.body().get("id").asString(),
                    told.stream().flatMap(f -> f.carers().stream()).toList(), told));
        }

        List<Sent> answered() {
            return List.copyOf(answered.values());
        }

        Set<String> answeredFor(Family family) {
            Set<String> ids = new HashSet<>();
            answered.values().stream().filter(sent -> sent.families().contains(family)).forEach(sent -> ids.add(sent.id()));
            return ids;
        }

        Map<Integer, String> refused() {
            return Map.copyOf(refused);
        }

        Map<Integer, String> cutOff() {
            return Map.copyOf(cutOff);
        }

        int cutOffIndex() {
            return cutOff.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
    }

    /** What the provider stand-ins received about this run's stream, by command, channel and address. */
    record Outbox(Map<String, Integer> counts) {

        static Outbox read(PlatformApi api, String run) throws Exception {
            Pattern marker = Pattern.compile("KR-" + Pattern.quote(run) + "-(\\d+)");
            Map<String, Integer> counts = new HashMap<>();
            JsonNode messages = api.ok(api.get("/sandbox/outbox", null), "the sandbox outbox").get("messages");
            for (JsonNode message : messages) {
                String text = message.path("subject").asString("") + " " + message.path("body").asString("");
                Matcher found = marker.matcher(text);
                if (found.find()) {
                    counts.merge(key(Integer.parseInt(found.group(1)), message.get("channel").asString(),
                            message.get("to").asString()), 1, Integer::sum);
                }
            }
            return new Outbox(counts);
        }

        private static String key(int command, String channel, String to) {
            return command + " " + channel + " " + to.toLowerCase(Locale.ROOT);
        }

        int toldOnAnyChannel(int command, Carer carer) {
            int told = counts.getOrDefault(key(command, "EMAIL", carer.email()), 0);
            if (carer.phone() != null) {
                told += counts.getOrDefault(key(command, "SMS", carer.phone()), 0);
            }
            return told;
        }

        Map<String, Integer> sentTwiceOnAChannel() {
            Map<String, Integer> twice = new HashMap<>();
            counts.forEach((key, count) -> {
                if (count > 1) {
                    twice.put(key, count);
                }
            });
            return twice;
        }

        int size() {
            return counts.size();
        }
    }
}
