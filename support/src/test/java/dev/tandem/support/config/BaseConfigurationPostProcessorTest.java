package dev.tandem.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The shared base sits below a service's own file, which overrides it and holds only what differs. */
class BaseConfigurationPostProcessorTest {

    private final BaseConfigurationPostProcessor base = new BaseConfigurationPostProcessor();

    @Test
    void everyServiceGetsTheSharedSettings() {
        StandardEnvironment environment = new StandardEnvironment();

        base.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("axon.serializer.events")).isEqualTo("jackson");
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .isEqualTo("org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
    }

    @Test
    void aServicesOwnFileWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("notifier.yml",
                Map.of("server.shutdown", "immediate", "server.port", "8083")));

        base.postProcessEnvironment(environment, new SpringApplication());
        base.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
        assertThat(environment.getProperty("server.port")).isEqualTo("8083");
        assertThat(environment.getPropertySources().stream()
                .filter(source -> source.getName().equals(BaseConfigurationPostProcessor.SOURCE))).hasSize(1);
    }
}
