package dev.tandem.platform.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * On the embedded default only: points the notifier's real Twilio, Firebase, DeepL and mail clients at the
 * in-process stand-ins of {@link SandboxConfiguration}, on free loopback ports picked here (before
 * any bean exists, because the clients are configured from properties).
 *
 * <p>No provider is configured on the embedded default ({@link dev.tandem.platform.embedded.PlatformModePostProcessor}
 * refuses the mix), so the providers' addresses and credentials are the stand-ins'; the timeouts and log
 * levels set here only where nothing is configured. The source sits just below the environment variables
 * rather than last, because the shared base maps unset variables to empty values
 * ({@code ${GOOGLE_APPLICATION_CREDENTIALS:}}) that would otherwise hide the sandbox's.
 */
public class SandboxEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "embedded";
    static final String SOURCE = "sandboxProviders";
    static final String ACCOUNT_SID = "AC5a4d0b0c5a4d0b0c5a4d0b0c5a4d0b0c";
    static final String AUTH_TOKEN = "sandbox-twilio-token";
    static final String FROM_NUMBER = "+447700900000";
    static final String FCM_PROJECT = "tandem-sandbox";
    static final String SANDBOX_DEEPL_KEY = "sandbox-deepl-key:fx";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PROFILE) || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        int twilioPort = port(environment, "platform.sandbox.twilio-port");
        int fcmPort = port(environment, "platform.sandbox.fcm-port");
        int smtpPort = port(environment, "platform.sandbox.smtp-port");
        int deeplPort = port(environment, "platform.sandbox.deepl-port");

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("platform.sandbox.twilio-port", twilioPort);
        properties.put("platform.sandbox.fcm-port", fcmPort);
        properties.put("platform.sandbox.smtp-port", smtpPort);
        properties.put("platform.sandbox.deepl-port", deeplPort);
        // no provider is configured on the embedded default (PlatformModePostProcessor refuses the mix)
        properties.put("platform.twilio.api-base-url", "http://127.0.0.1:" + twilioPort);
        properties.put("platform.twilio.account-sid", ACCOUNT_SID);
        properties.put("platform.twilio.auth-token", AUTH_TOKEN);
        properties.put("platform.twilio.from-number", FROM_NUMBER);
        properties.put("platform.firebase.api-base-url", "http://127.0.0.1:" + fcmPort);
        properties.put("platform.translation.engine", "deepl");
        properties.put("platform.translation.deepl.auth-key", SANDBOX_DEEPL_KEY);
        properties.put("platform.translation.deepl.server-url", "http://127.0.0.1:" + deeplPort);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtpPort);
        Path dataDir = Path.of(environment.getProperty("platform.data-dir", "./data")).toAbsolutePath().normalize();
        properties.put("platform.firebase.credentials-file", SandboxCredentials.ensure(
                dataDir.resolve("sandbox").resolve("fcm-service-account.json"), FCM_PROJECT,
                "http://127.0.0.1:" + fcmPort + "/token").toString());
        Map<String, Object> unlessSet = new LinkedHashMap<>();
        // the stand-in's mail server logs each recipient's address as it creates their mailbox
        unlessSet.put("logging.level.com.icegreen.greenmail", "warn");
        // a stand-in told not to answer (POST /sandbox/faults NO_ANSWER) costs seconds, not the default ten
        unlessSet.put("platform.notifier.provider-timeout.connect", "PT2S");
        unlessSet.put("platform.notifier.provider-timeout.read", "PT4S");
        unlessSet.forEach((key, value) -> {
            if (!StringUtils.hasText(environment.getProperty(key))) {
                properties.put(key, value);
            }
        });

        MapPropertySource source = new MapPropertySource(SOURCE, properties);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    private static int port(ConfigurableEnvironment environment, String key) {
        Integer configured = environment.getProperty(key, Integer.class);
        return configured != null ? configured : freeLoopbackPort();
    }

    /** A port free right now; the stand-in binds it moments later (a small race, fine on one machine). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a provider stand-in", e);
        }
    }

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor (profiles and config files are known) and after the
        // embedded defaults (HIGHEST_PRECEDENCE + 20), which settle platform.data-dir
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }
}
