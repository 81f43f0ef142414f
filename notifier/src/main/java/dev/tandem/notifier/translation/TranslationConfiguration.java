package dev.tandem.notifier.translation;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The translation engine named by {@code platform.translation.engine} ({@code PLATFORM_TRANSLATION}):
 * {@code deepl} with {@code DEEPL_AUTH_KEY}, or {@code none}, when carers are told in the original.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TranslationProperties.class)
public class TranslationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TranslationConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "platform.translation.engine", havingValue = "deepl")
    TranslationEngine deeplEngine(TranslationProperties properties) {
        TranslationProperties.Deepl deepl = properties.deepl();
        if (deepl == null || deepl.authKey() == null || deepl.authKey().isBlank()) {
            throw new IllegalStateException("platform.translation.engine is deepl but DEEPL_AUTH_KEY is not set");
        }
        return new DeeplEngine(deepl.authKey(), deepl.serverUrl(), properties.deadline());
    }

    /** A few threads, so that a call past its deadline is left behind rather than waited for. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService translationCalls() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "translation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    Translations translations(Optional<TranslationEngine> engine, TranslationProperties properties, JdbcClient jdbc,
                              ExecutorService translationCalls, Clock clock) {
        log.info("Translation of staff free text for carers: {}", engine.map(TranslationEngine::name).orElse("off"));
        return new Translations(engine, properties.deadline(), jdbc, translationCalls, clock);
    }
}
