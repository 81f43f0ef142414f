package dev.tandem.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The query side on its own: follows the event store in PostgreSQL, keeps read models in MongoDB. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side")
                .run(args);
    }
}
