package dev.tandem.platform.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The providers' stand-ins of the embedded default, on the loopback ports that
 * {@link SandboxEnvironmentPostProcessor} chose and pointed the real clients at. They live and die
 * with the context; nothing they receive leaves the machine, and what they received is kept in the
 * data directory ({@link OutboxStore}).
 */
@Configuration(proxyBeanMethods = false)
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class SandboxConfiguration {

    /**
     * How long a {@code NO_ANSWER} fault holds its answer back beyond the notifier's read timeout. Twilio's
     * status callbacks follow a message a step apart ({@code platform.sandbox.status-callback-step},
     * a second: "sent" after one, "delivered" after two), as they arrive from Twilio some time later.
     */
    static final Duration BEYOND_TIMEOUT = Duration.ofSeconds(3);

    @Bean
    OutboxStore sandboxOutboxStore(@Value("${platform.data-dir:./data}") String dataDir) {
        return new OutboxStore(Path.of(dataDir).toAbsolutePath().normalize().resolve("sandbox").resolve("outbox.jsonl"));
    }

    @Bean
    SandboxFaults sandboxFaults() {
        return new SandboxFaults();
    }

    @Bean(destroyMethod = "stop")
    TwilioStandIn sandboxTwilio(@Value("${platform.sandbox.twilio-port}") int port, OutboxStore outbox,
                                SandboxFaults faults, Environment environment,
                                @Value("${platform.twilio.auth-token}") String authToken,
                                @Value("${platform.notifier.provider-timeout.read:PT10S}") Duration readTimeout,
                                @Value("${platform.sandbox.status-callback-step:PT1S}") Duration callbackStep) {
        // the platform's own port is known once its server listens; until then callbacks go to the URL given
        StatusCallbacks callbacks = new StatusCallbacks(authToken, () -> {
            String local = environment.getProperty("local.server.port");
            return local == null ? null : "http://127.0.0.1:" + local;
        }, callbackStep);
        return TwilioStandIn.start(port, outbox, faults, callbacks, readTimeout.plus(BEYOND_TIMEOUT));
    }

    @Bean(destroyMethod = "stop")
    FcmStandIn sandboxFcm(@Value("${platform.sandbox.fcm-port}") int port, OutboxStore outbox, SandboxFaults faults,
                          @Value("${platform.notifier.provider-timeout.read:PT10S}") Duration readTimeout) {
        return FcmStandIn.start(port, outbox, faults, readTimeout.plus(BEYOND_TIMEOUT));
    }

    @Bean(destroyMethod = "stop")
    DeeplStandIn sandboxDeepl(@Value("${platform.sandbox.deepl-port}") int port) {
        return DeeplStandIn.start(port);
    }

    @Bean(destroyMethod = "stop")
    MailStandIn sandboxMail(@Value("${platform.sandbox.smtp-port}") int port, OutboxStore outbox, SandboxFaults faults,
                            @Value("${platform.notifier.provider-timeout.read:PT10S}") Duration readTimeout) {
        return MailStandIn.start(port, outbox, faults, readTimeout.plus(BEYOND_TIMEOUT));
    }
}
