package dev.tandem.support.record;

import dev.tandem.support.axon.ActingPerson;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every service that stores events keeps the children's safeguarding records as it stores them (see
 * {@link ChainingEventStorageEngine}) and records who acted in each event's metadata.
 */
@AutoConfiguration
@EnableConfigurationProperties(RecordProperties.class)
public class RecordAutoConfiguration {

    @Bean
    RecordSeal recordSeal(RecordProperties properties) {
        return new RecordSeal(properties.sealKey());
    }

    @Bean
    ChildRecords childRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions, RecordSeal seal) {
        return new ChildRecords(jdbc, transactions, seal);
    }

    /** Declaring a provider switches Axon's default off, so the message origin (correlation, trace) is declared too. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actingPerson() {
        return new ActingPerson();
    }

    /** Wraps whichever storage engine Axon configured, so that its configuration stays Axon's own. */
    @Bean
    static BeanPostProcessor chainingEventStorage(ObjectProvider<TransactionManager> transactions,
                                                  ObjectProvider<JdbcTemplate> jdbc,
                                                  ObjectProvider<RecordSeal> seal) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventStorageEngine engine && !(bean instanceof ChainingEventStorageEngine)) {
                    return new ChainingEventStorageEngine(engine, transactions.getObject(), jdbc.getObject(),
                            seal.getObject());
                }
                return bean;
            }
        };
    }
}
