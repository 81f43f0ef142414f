package dev.tandem.support.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * How events are written in the event store: JSON (Jackson 2, which Axon 4 needs) with instants and dates
 * as RFC 3339 / ISO-8601 text, not as numbers, because the store is the permanent record that a
 * safeguarding review shows as stored. Reading accepts both forms, so events stored before still read.
 */
@AutoConfiguration(before = ObjectMapperAutoConfiguration.class)
public class AxonSerializationAutoConfiguration {

    /** The name Axon looks up for its serializers' mapper. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
