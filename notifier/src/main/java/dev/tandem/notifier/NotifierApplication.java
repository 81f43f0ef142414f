package dev.tandem.notifier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs the notifier alone. Its defaults live in {@code notifier.yml} rather than application.yml,
 * so that the all-in-one launcher, which has the notifier on its classpath, never picks them up.
 */
@SpringBootApplication
public class NotifierApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotifierApplication.class)
                .properties("spring.config.name=notifier")
                .run(args);
    }
}
