package dev.tandem.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.notifier.push.FirebaseProperties;
import dev.tandem.notifier.sms.TwilioProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SandboxEnvironmentPostProcessorTest {

    @TempDir
    Path dataDir;

    final SandboxEnvironmentPostProcessor postProcessor = new SandboxEnvironmentPostProcessor();

    StandardEnvironment embedded(Map<String, Object> configFile) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("embedded");
        environment.getPropertySources().addLast(new MapPropertySource("config", configFile));
        return environment;
    }

    @Test
    void pointsTheNotifiersClientsAtTheStandIns() throws Exception {
        StandardEnvironment environment = embedded(Map.of("platform.data-dir", dataDir.toString(),
                // what application.yml makes of an unset GOOGLE_APPLICATION_CREDENTIALS
                "platform.firebase.credentials-file", ""));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        int twilioPort = environment.getProperty("platform.sandbox.twilio-port", Integer.class);
        int fcmPort = environment.getProperty("platform.sandbox.fcm-port", Integer.class);
        int smtpPort = environment.getProperty("platform.sandbox.smtp-port", Integer.class);
        assertThat(List.of(twilioPort, fcmPort, smtpPort)).doesNotHaveDuplicates();
        TwilioProperties twilio = Binder.get(environment).bind("platform.twilio", TwilioProperties.class).get();
        assertThat(twilio.apiBaseUrl()).hasToString("http://127.0.0.1:" + twilioPort);
        assertThat(twilio.authToken()).isEqualTo("sandbox-twilio-token");
        assertThat(twilio.fromNumber()).isEqualTo("+447700900000");
        assertThat(twilio.accountSid()).matches("AC[0-9a-f]{32}");
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(smtpPort);

        FirebaseProperties firebase = Binder.get(environment).bind("platform.firebase", FirebaseProperties.class).get();
        assertThat(firebase.apiBaseUrl()).hasToString("http://127.0.0.1:" + fcmPort);
        Path credentials = Path.of(firebase.credentialsFile());
        assertThat(credentials).startsWith(dataDir.resolve("sandbox")).exists();
        JsonNode account = new ObjectMapper().readTree(credentials.toFile());
        assertThat(account.get("type").asText()).isEqualTo("service_account");
        assertThat(account.get("token_uri").asText()).isEqualTo("http://127.0.0.1:" + fcmPort + "/token");
        assertThat(account.get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void configuredTimeoutsWinOverTheSandboxShortOnes() {
        StandardEnvironment environment = embedded(Map.of("platform.data-dir", dataDir.toString(),
                "platform.notifier.provider-timeout.read", "PT7S"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("platform.notifier.provider-timeout.read")).isEqualTo("PT7S");
        assertThat(environment.getProperty("platform.notifier.provider-timeout.connect")).isEqualTo("PT2S");
    }

    @Test
    void theKeyIsKeptAcrossRestartsAndTheTokenEndpointFollowsThePort() throws Exception {
        postProcessor.postProcessEnvironment(embedded(Map.of("platform.data-dir", dataDir.toString(),
                "platform.sandbox.fcm-port", "40001")), new SpringApplication());
        Path file = dataDir.resolve("sandbox").resolve("fcm-service-account.json");
        JsonNode first = new ObjectMapper().readTree(file.toFile());

        postProcessor.postProcessEnvironment(embedded(Map.of("platform.data-dir", dataDir.toString(),
                "platform.sandbox.fcm-port", "40002")), new SpringApplication());
        JsonNode second = new ObjectMapper().readTree(file.toFile());

        assertThat(second.get("private_key")).isEqualTo(first.get("private_key"));
        assertThat(second.get("token_uri").asText()).isEqualTo("http://127.0.0.1:40002/token");
    }

    @Test
    void outsideTheEmbeddedDefaultNothingChanges() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("production");
        environment.getPropertySources().addLast(new MapPropertySource("config", Map.of("platform.data-dir",
                dataDir.toString())));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(SandboxEnvironmentPostProcessor.SOURCE)).isFalse();
        assertThat(environment.getProperty("platform.twilio.api-base-url")).isNull();
        assertThat(environment.getProperty("spring.mail.host")).isNull();
        assertThat(Files.exists(dataDir.resolve("sandbox"))).isFalse();
    }
}
