package dev.tandem.notifier.sms;

import com.twilio.http.TwilioRestClient;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwilioProperties.class)
public class SmsConfiguration {

    /** Named apart from other services' beans, which share one context in the all-in-one process. */
    @Bean
    @Conditional(TwilioConfigured.class)
    TwilioRestClient notifierTwilioRestClient(TwilioProperties properties, ProviderTimeouts timeouts) {
        return TwilioClients.create(properties, timeouts);
    }
}
