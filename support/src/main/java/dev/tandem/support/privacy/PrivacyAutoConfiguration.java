package dev.tandem.support.privacy;

import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every service that stores or reads events keeps personal data encrypted under its subjects' keys
 * (decision 0014): Axon's event serializer, whichever Axon configured, is wrapped in a
 * {@link PersonalDataSerializer}.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyAutoConfiguration {

    /** Axon's name for the serializer of events (stored and read); messages and snapshots are left as they are. */
    static final String EVENT_SERIALIZER = "eventSerializer";

    /** Declare a {@link MasterKey} bean (a cloud KMS) to keep the master key out of the platform altogether. */
    @Bean
    @ConditionalOnMissingBean(MasterKey.class)
    MasterKey masterKey(PrivacyProperties properties) {
        return new DerivedMasterKey(properties.masterKey());
    }

    @Bean
    SubjectKeys subjectKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, MasterKey masterKey,
                            ObjectProvider<Clock> clock) {
        return new SubjectKeys(jdbc, transactions, masterKey, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PersonalDataCipher personalDataCipher(SubjectKeys keys) {
        return new PersonalDataCipher(keys, new com.fasterxml.jackson.databind.ObjectMapper());
    }

    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataCipher> cipher) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!EVENT_SERIALIZER.equals(beanName) || !(bean instanceof Serializer serializer)
                        || bean instanceof PersonalDataSerializer) {
                    return bean;
                }
                if (!(serializer instanceof JacksonSerializer jackson)) {
                    throw new IllegalStateException("Events must be stored as JSON (axon.serializer.events: jackson)"
                            + " for their personal data to be encrypted");
                }
                return new PersonalDataSerializer(jackson, jackson.getObjectMapper(), cipher::getObject);
            }
        };
    }
}
