package dev.tandem.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The command side on its own, against an external PostgreSQL (see command-side.yml). */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .run(args);
    }
}
