package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void theEventStoreRunsAtPostgresDurableDefaultsAndStopsWithThePlatform() throws Exception {
        Path directory = Files.createDirectories(dataDir.resolve("postgres"));
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory);
        ProcessHandle postmaster;
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            try (Connection connection = server.postgres().getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet shown = statement.executeQuery("SHOW " + setting)) {
                        shown.next();
                        settings.put(setting, shown.getString(1));
                    }
                }
            }
            assertThat(settings).containsExactly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"),
                    Map.entry("full_page_writes", "on"));
            postmaster = ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(directory.resolve(LeftoverPostmaster.PID_FILE)).get(0).strip())).orElseThrow();
        } finally {
            server.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
        assertThat(directory.resolve(LeftoverPostmaster.PID_FILE)).doesNotExist();
    }

    @Test
    void aJvmThatExitsWithoutClosingThePlatformStillStopsItsPostgres() throws Exception {
        Path directory = Files.createDirectories(dataDir.resolve("postgres"));
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitsWithoutClosing.class.getName(), directory.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("jvm.log").toFile()).start();
        try {
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
        } finally {
            jvm.destroyForcibly();
        }
        String log = Files.readString(dataDir.resolve("jvm.log"));
        Matcher started = Pattern.compile("postmaster (\\d+)").matcher(log);
        assertThat(started.find()).as("the server was started: %s", log).isTrue();
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(started.group(1))).orElse(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> postmaster == null || !postmaster.isAlive());
        assertThat(log).contains("stopping it now");
        assertThat(directory.resolve(LeftoverPostmaster.PID_FILE)).doesNotExist();
    }

    /** A JVM that starts the server and exits without any context to close it, as {@code System.exit} would. */
    static final class ExitsWithoutClosing {

        public static void main(String[] args) throws Exception {
            Path directory = Path.of(args[0]);
            EmbeddedPostgresServer.start(directory);
            System.out.println("postmaster " + Files.readAllLines(directory.resolve(LeftoverPostmaster.PID_FILE)).get(0).strip());
            System.out.flush();
            System.exit(0);
        }
    }
}
