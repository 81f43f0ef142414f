package dev.tandem.support.axon.upcasting;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The upcasters that read events stored in an older shape as today's, registered in every service that
 * reads the event store (Axon's auto-configuration chains every upcaster bean it finds, in bean order).
 * They live here rather than in one service because every service reads the same events: a command-side
 * aggregate sourced from an old event, a projection replaying it and a data export must all see one shape.
 */
@AutoConfiguration
public class EventUpcastingAutoConfiguration {

    @Bean
    DeliveryEventUpcaster deliveryEventUpcaster() {
        return new DeliveryEventUpcaster();
    }

    @Bean
    CarerMessageUpcaster carerMessageUpcaster() {
        return new CarerMessageUpcaster();
    }
}
