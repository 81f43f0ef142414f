package dev.tandem.platform.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as an operator runs it: a JVM of its own ({@code java -cp <this test's classpath>
 * dev.tandem.platform.PlatformApplication}) on the embedded default, on a loopback port and a data
 * directory of the test's choosing, its output in a file under {@code target/} for diagnosis. Only what
 * the test started is ever stopped: the JVM by its handle and, should a killed run have left one, the
 * PostgreSQL named in the data directory's own {@code postmaster.pid}.
 */
final class PlatformProcess implements AutoCloseable {

    static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    final int port;

    private PlatformProcess(Process process, Path dataDir, Path log, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    static PlatformProcess start(Path dataDir, int port, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.tandem.platform.PlatformApplication")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("PLATFORM_DATA_DIR", dataDir.toString());
        builder.environment().put("PLATFORM_PUBLIC_URL", "http://127.0.0.1:" + port);
        try {
            Files.createDirectories(log.getParent());
            return new PlatformProcess(builder.start(), dataDir, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the platform", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits until {@code /actuator/health} answers UP, failing at once should the JVM end first. */
    Duration awaitHealthy(HttpClient http) {
        long started = System.nanoTime();
        await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The platform exited with " + process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200 && health.body().contains("\"UP\"");
            } catch (IOException notYet) {
                return false;
            }
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: the JVM dies at once, running no shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The platform did not die of SIGKILL within 30 s");
        }
    }

    /** SIGTERM, as an orchestrator or Ctrl-C stops it; how long it took to exit (at most {@code patience}). */
    Duration terminate(Duration patience) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The platform did not exit within " + patience.toSeconds() + " s of SIGTERM; see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits for a JVM expected to end by itself (a refused start), giving its exit code. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The platform did not exit within " + patience.toSeconds() + " s; see " + log);
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live PostgreSQL server of this data directory, as its own pid file names it. */
    Optional<ProcessHandle> postmaster() {
        return postmasterOf(dataDir);
    }

    static Optional<ProcessHandle> postmasterOf(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A failed test leaves no JVM running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Once every platform of the test is down: the server a killed one left behind, if any (SIGTERM; with the
     * JVM gone it has no clients, so PostgreSQL's smart shutdown ends at once).
     */
    static void stopLeftoverPostmaster(Path dataDir) {
        postmasterOf(dataDir).ifPresent(postmaster -> {
            postmaster.destroy();
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(timeout -> null).join();
        });
    }
}
