package dev.tandem.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a property given twice is refused (which of the two would count?),
 * a scalar is never coerced into another type ({@code "name": 12345}, {@code "urgent": ""},
 * {@code "durationMinutes": "30"} are refused, not guessed at), and text is checked by {@link StrictText}.
 */
@AutoConfiguration
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("tandem-strict-text").addDeserializer(String.class, new StrictText()))
                .withCoercionConfig(LogicalType.Boolean, config -> refuse(config, CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float))
                .withCoercionConfig(LogicalType.Integer, config -> refuse(config, CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, config -> refuse(config, CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Collection, config -> refuse(config, CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean));
    }

    private static void refuse(tools.jackson.databind.cfg.MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
