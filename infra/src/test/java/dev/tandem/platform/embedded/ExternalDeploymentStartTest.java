package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform as an operator starts it (its own JVM, no profile), pointed at an external PostgreSQL that
 * cannot be reached: it never falls back to the embedded stores or the sandbox, whether the rest of the
 * configuration is missing (it names what) or complete (it fails on the unreachable store).
 */
class ExternalDeploymentStartTest {

    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path dataDir;

    @Test
    void aDatasourceAloneRefusesToStartAndNamesWhatIsMissing() throws Exception {
        Result result = start(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/tandem"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.log())
                .contains("An external deployment is configured (SPRING_DATASOURCE_URL) but it is not complete")
                .contains("MONGODB_URI", "PLATFORM_JWT_SECRET", "PLATFORM_MASTER_KEY", "PLATFORM_ADMIN_PASSWORD")
                .doesNotContain("Embedded PostgreSQL is running")
                .doesNotContain("\tat dev.tandem");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(dataDir.resolve("sandbox")).doesNotExist();
    }

    @Test
    void aCompleteDeploymentOnAnUnreachableDatabaseFailsWithoutTheEmbeddedStoresOrTheSandbox() throws Exception {
        Result result = start(Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/tandem",
                "MONGODB_URI", "mongodb://127.0.0.1:" + closedPort() + "/tandem",
                "PLATFORM_JWT_SECRET", "a-jwt-secret-of-enough-length-for-hmac-sha-256-signing",
                "PLATFORM_RECORD_SEAL_KEY", "a-record-seal-key-for-this-test-only",
                "PLATFORM_MASTER_KEY", "a-master-key-for-this-test-only-0123456789",
                "PLATFORM_ADMIN_PASSWORD", "a-strong-password",
                "SPRING_MAIL_HOST", "127.0.0.1"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.log())
                .doesNotContain("not complete")
                .doesNotContain("Embedded PostgreSQL is running")
                .doesNotContain("Embedded MongoDB wire server")
                .doesNotContain("\"embedded\"");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(dataDir.resolve("sandbox")).doesNotExist();
    }

    private record Result(int exitCode, String log) {
    }

    private Result start(Map<String, String> variables) throws IOException, InterruptedException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "dev.tandem.platform.PlatformApplication")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("PLATFORM_")
                || name.startsWith("TWILIO_") || name.equals("MONGODB_URI") || name.equals("GOOGLE_APPLICATION_CREDENTIALS"));
        builder.environment().put("SERVER_PORT", Integer.toString(closedPort()));
        builder.environment().put("PLATFORM_DATA_DIR", dataDir.toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(ended).as("the platform stopped by itself").isTrue();
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
