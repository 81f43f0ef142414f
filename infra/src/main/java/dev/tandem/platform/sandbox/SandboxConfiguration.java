package dev.tandem.platform.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The providers' stand-ins of the embedded default, on the loopback ports that
 * {@link SandboxEnvironmentPostProcessor} chose and pointed the real clients at. They live and die
 * with the context; nothing they receive leaves the machine.
 */
@Configuration(proxyBeanMethods = false)
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class SandboxConfiguration {

    @Bean(destroyMethod = "stop")
    TwilioStandIn sandboxTwilio(@Value("${platform.sandbox.twilio-port}") int port) {
        return TwilioStandIn.start(port);
    }

    @Bean(destroyMethod = "stop")
    FcmStandIn sandboxFcm(@Value("${platform.sandbox.fcm-port}") int port) {
        return FcmStandIn.start(port);
    }

    @Bean(destroyMethod = "stop")
    MailStandIn sandboxMail(@Value("${platform.sandbox.smtp-port}") int port) {
        return MailStandIn.start(port);
    }
}
