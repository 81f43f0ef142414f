package dev.tandem.command.idempotency;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc) {
        return new IdempotencyStore(jdbc);
    }

    @Bean
    IdempotencyFilter idempotencyFilter(IdempotencyStore store, Clock clock, IdempotencyProperties properties) {
        return new IdempotencyFilter(store, clock, properties);
    }

    /**
     * Scheduling is switched on here, and only when the purge is wanted. Another module may switch it
     * on too: {@code @EnableScheduling} imports one configuration that Spring registers once however
     * often it is imported, so the two do not clash.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "platform.idempotency.purge.enabled", havingValue = "true", matchIfMissing = true)
    @EnableScheduling
    static class Purging {

        @Bean
        IdempotencyPurge idempotencyPurge(IdempotencyStore store, Clock clock, IdempotencyProperties properties) {
            return new IdempotencyPurge(store, clock, properties);
        }
    }
}
