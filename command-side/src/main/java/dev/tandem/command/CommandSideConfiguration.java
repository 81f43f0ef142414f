package dev.tandem.command;

import dev.tandem.command.account.AdminProperties;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.sms.TwilioWebhookProperties;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AdminProperties.class, TwilioWebhookProperties.class})
public class CommandSideConfiguration {

    @Bean
    Permissions permissions(RuleLookups lookups) {
        return new Permissions(lookups);
    }

    /**
     * The lookups that command rules read are written in the transaction of the events they follow
     * (subscribing); the SMS threads follow events another service may publish, so they track the store.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor("command-rule-lookups");
    }
}
