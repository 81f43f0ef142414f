package dev.tandem.command.idempotency;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One real PostgreSQL for these tests, migrated with the platform's own Flyway scripts. */
final class IdempotencyDatabase {

    private static JdbcClient jdbc;

    private IdempotencyDatabase() {
    }

    static synchronized JdbcClient jdbc() {
        if (jdbc == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary anyway
                    }
                }));
                Flyway.configure().dataSource(postgres.getPostgresDatabase())
                        .locations("classpath:db/migration").load().migrate();
                jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc;
    }

    static void clear() {
        jdbc().sql("TRUNCATE idempotency_key").update();
    }

    static long rows() {
        return jdbc().sql("SELECT count(*) FROM idempotency_key").query(Long.class).single();
    }
}
