package dev.tandem.command;

import dev.tandem.command.account.AdminProperties;
import dev.tandem.command.lookup.Directory;
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
    Permissions permissions(Directory directory) {
        return new Permissions(directory);
    }

    /**
     * The directory that command rules read is written in the transaction of the events it follows
     * (subscribing); the SMS threads follow events another service may publish, so they track the store.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor("command-directory");
    }
}
