package dev.tandem.support.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One real PostgreSQL for a module's whole test run (it takes seconds to start), migrated with the
 * platform's own Flyway scripts; shared by every module's tests. Tests empty the tables they use
 * before each case ({@link #truncate}).
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary anyway
                }
            }));
            Flyway.configure().dataSource(postgres.getPostgresDatabase())
                    .locations(migrations()).load().migrate();
        }
        return postgres.getPostgresDatabase();
    }

    public static JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    public static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Empties the named tables (one statement, so that their foreign keys need no order). */
    public static void truncate(String... tables) {
        jdbc().sql("TRUNCATE " + String.join(", ", tables)).update();
    }

    /**
     * The scripts as they stand in this checkout when the tests run inside it (Maven runs them in the
     * module's directory), so a migration is tested with the code that needs it before the support
     * module is installed; the installed support module's scripts otherwise.
     */
    private static String migrations() {
        Path checkout = Path.of("..", "support", "src", "main", "resources", "db", "migration");
        return Files.isDirectory(checkout)
                ? "filesystem:" + checkout.toAbsolutePath().normalize()
                : "classpath:db/migration";
    }
}
