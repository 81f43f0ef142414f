package dev.tandem.notifier;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's handlers form one tracking processor, so the recipients it reads are always exactly
 * as up to date as the update being dispatched (events are handled in the order they were stored),
 * and its progress is kept in the token store across restarts.
 */
@Configuration(proxyBeanMethods = false)
public class NotifierProcessing {

    public static final String GROUP = "notifier";

    @Bean
    ConfigurerModule notifierTrackingProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessor(GROUP));
    }
}
