package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.support.config.BaseConfigurationPostProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The embedded default only when nothing external is configured; anything else complete, or no start. */
class PlatformModePostProcessorTest {

    private static final Map<String, Object> STORES = Map.of(
            "SPRING_DATASOURCE_URL", "jdbc:postgresql://db.internal:5432/tandem",
            "MONGODB_URI", "mongodb://mongo-1.internal,mongo-2.internal/tandem?replicaSet=rs0");
    private static final Map<String, Object> SECRETS = Map.of(
            "PLATFORM_JWT_SECRET", "a-jwt-secret-of-enough-length-for-hmac-sha256",
            "PLATFORM_RECORD_SEAL_KEY", "a-seal-key", "PLATFORM_MASTER_KEY", "a-master-key",
            "PLATFORM_ADMIN_PASSWORD", "a-strong-password");
    private static final Map<String, Object> TWILIO = Map.of(
            "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN", "a-token",
            "TWILIO_FROM_NUMBER", "+447700900123");

    @TempDir
    Path directory;

    private final PlatformModePostProcessor mode = new PlatformModePostProcessor();

    @Test
    void withNothingExternalTheEmbeddedDefaultStartsOnLoopbackWithItsAdminPassword() {
        StandardEnvironment environment = environment(Map.of());

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getActiveProfiles()).containsExactly("embedded");
        assertThat(environment.getProperty("platform.admin.password")).isEqualTo("admin");
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void theEmbeddedProfileAskedForWithNothingExternalIsTheEmbeddedDefault() {
        StandardEnvironment environment = environment(Map.of());
        environment.setActiveProfiles("embedded");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getActiveProfiles()).containsExactly("embedded");
        assertThat(environment.getProperty("platform.admin.password")).isEqualTo("admin");
    }

    @Test
    void anOperatorMayOpenTheEmbeddedDefaultToTheNetworkAndChooseItsPassword() {
        StandardEnvironment environment = environment(Map.of("SERVER_ADDRESS", "0.0.0.0",
                "PLATFORM_ADMIN_PASSWORD", "not-admin"));

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(environment.getProperty("platform.admin.password")).isEqualTo("not-admin");
    }

    @Test
    void aDatasourceAloneRefusesToStartNamingEverythingMissing() {
        StandardEnvironment environment = environment(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/tandem"));

        assertThatThrownBy(() -> mode.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IncompleteDeploymentException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("MONGODB_URI")
                .hasMessageContaining("PLATFORM_JWT_SECRET")
                .hasMessageContaining("PLATFORM_RECORD_SEAL_KEY")
                .hasMessageContaining("PLATFORM_MASTER_KEY")
                .hasMessageContaining("PLATFORM_ADMIN_PASSWORD")
                .hasMessageContaining("a provider to notify carers");
        assertThat(environment.getActiveProfiles()).isEmpty();
        assertThat(environment.getProperty("platform.admin.password")).isNullOrEmpty();
    }

    @Test
    void partOfTheTwilioCredentialsNamesTheRest() {
        Map<String, Object> variables = new HashMap<>(STORES);
        variables.putAll(SECRETS);
        variables.put("TWILIO_AUTH_TOKEN", "a-token");
        StandardEnvironment environment = environment(variables);

        assertThatThrownBy(() -> mode.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IncompleteDeploymentException.class)
                .hasMessageContaining("missing: TWILIO_ACCOUNT_SID; TWILIO_FROM_NUMBER.");
    }

    @Test
    void firebaseCredentialsMustNameAReadableFile() {
        Map<String, Object> variables = new HashMap<>(STORES);
        variables.putAll(SECRETS);
        variables.put("GOOGLE_APPLICATION_CREDENTIALS", directory.resolve("absent.json").toString());
        StandardEnvironment environment = environment(variables);

        assertThatThrownBy(() -> mode.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IncompleteDeploymentException.class)
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS (no readable file");
    }

    @Test
    void aCompleteExternalDeploymentStartsWithNothingEmbedded() throws Exception {
        Path credentials = Files.writeString(directory.resolve("service-account.json"), "{}");
        Map<String, Object> variables = new HashMap<>(STORES);
        variables.putAll(SECRETS);
        variables.putAll(TWILIO);
        variables.put("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString());
        variables.put("SPRING_MAIL_HOST", "smtp.internal");
        StandardEnvironment environment = environment(variables);

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getActiveProfiles()).isEmpty();
        assertThat(environment.getPropertySources().contains(PlatformModePostProcessor.SOURCE)).isFalse();
        assertThat(environment.getProperty("platform.admin.password")).isEqualTo("a-strong-password");
        assertThat(environment.getProperty("server.address")).isNull();
    }

    @Test
    void oneProviderIsEnough() {
        Map<String, Object> variables = new HashMap<>(STORES);
        variables.putAll(SECRETS);
        variables.put("SPRING_MAIL_HOST", "smtp.internal");

        mode.postProcessEnvironment(environment(variables), new SpringApplication());
    }

    @Test
    void theEmbeddedProfileWithExternalConfigurationRefusesToStart() {
        StandardEnvironment environment = environment(Map.of("TWILIO_AUTH_TOKEN", "a-real-token"));
        environment.setActiveProfiles("embedded");

        assertThatThrownBy(() -> mode.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IncompleteDeploymentException.class)
                .hasMessageContaining("external configuration is given: TWILIO_AUTH_TOKEN");
    }

    @Test
    void anotherProfileWithNothingExternalRefusesToStart() {
        StandardEnvironment environment = environment(Map.of());
        environment.setActiveProfiles("production");

        assertThatThrownBy(() -> mode.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IncompleteDeploymentException.class)
                .hasMessageContaining("production")
                .satisfies(refusal -> assertThat(((IncompleteDeploymentException) refusal).action())
                        .contains("SPRING_DATASOURCE_URL", "MONGODB_URI"));
        assertThat(environment.getActiveProfiles()).containsExactly("production");
    }

    /**
     * The process's environment variables as given, with the launcher's application.yml and the shared
     * base below them, as Spring Boot has them when this post-processor runs.
     */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new BaseConfigurationPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
