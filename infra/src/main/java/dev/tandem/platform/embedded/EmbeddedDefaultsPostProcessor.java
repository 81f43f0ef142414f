package dev.tandem.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * On the embedded default only: claims the data directory for this process ({@link DataDirectoryLock}), and
 * gives the platform a token-signing secret and a record-sealing key of its own, kept in the data directory
 * so that sign-ins and the records' seals survive a restart. Anywhere else the secret must be configured.
 * Runs after the config files are read (so profiles are known) and sits just below the environment
 * variables, so {@code PLATFORM_JWT_SECRET} still wins.
 */
public class EmbeddedDefaultsPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "embedded";
    static final String SOURCE = "embeddedDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PROFILE)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("platform.data-dir", "./data")).toAbsolutePath().normalize();
        // before anything here or in the stores reads or writes the directory: refuses a second platform
        DataDirectoryLock.hold(dataDir);
        // Resolved once and pinned above every other source: a value such as target/data-${random.uuid}
        // would otherwise name a new directory at each lookup.
        environment.getPropertySources().addFirst(
                new MapPropertySource(SOURCE + ".dataDir", Map.of("platform.data-dir", dataDir.toString())));
        Map<String, Object> defaults = new HashMap<>();
        String secret = environment.getProperty("platform.jwt.secret");
        if (secret == null || secret.isBlank()) {
            defaults.put("platform.jwt.secret", secretIn(dataDir, "jwt-secret"));
        }
        String sealKey = environment.getProperty("platform.record.seal-key");
        if (sealKey == null || sealKey.isBlank()) {
            defaults.put("platform.record.seal-key", secretIn(dataDir, "record-seal-key"));
        }
        String masterKey = environment.getProperty("platform.privacy.master-key");
        if (masterKey == null || masterKey.isBlank()) {
            defaults.put("platform.privacy.master-key", secretIn(dataDir, "master-key"));
        }
        MapPropertySource source = new MapPropertySource(SOURCE, defaults);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /**
     * A random secret kept in a file of the data directory, readable by its owner only: the token-signing
     * secret, the key that seals the safeguarding records and the master key that wraps the data subjects'
     * keys (neither of which may live in the database).
     */
    private static String secretIn(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the secret " + name + " in " + dataDir, e);
        }
    }

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10), so profiles are known
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
