package dev.tandem.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the configuration every service shares ({@code tandem-base.yml}: serializers, shutdown, the
 * update-checker exclusion, secrets read from the environment, health exposure) below everything else,
 * so each service's own file, the environment and the command line override it and hold only what
 * differs. Runs just after Spring Boot has read the config files, and before the launcher decides
 * between the embedded default and an external deployment, which reads some of these values.
 */
public class BaseConfigurationPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE = "tandemBase";
    /** After ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

    private static final String LOCATION = "tandem-base.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(SOURCE, new ClassPathResource(LOCATION))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shared configuration " + LOCATION, e);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
