package dev.tandem.platform.embedded;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded default's data stores, started in-process and kept under {@code PLATFORM_DATA_DIR}:
 * a real PostgreSQL for the event store, and a MongoDB wire-protocol server persisting to an H2 file
 * for the read models. They are offered to Spring Boot as connection details, exactly where an
 * external PostgreSQL or MongoDB would be configured, so nothing else knows the difference.
 */
@Configuration(proxyBeanMethods = false)
@Profile(EmbeddedDefaultsPostProcessor.PROFILE)
class EmbeddedDataStores {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataStores.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${platform.data-dir}") Path dataDir) throws IOException {
        Path directory = Files.createDirectories(dataDir.resolve("postgres"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // Spring stops it after everything that uses it (event processors, the pool), not a JVM hook
                // racing the graceful shutdown.
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnection(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "postgres";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongo(@Value("${platform.data-dir}") Path dataDir) throws IOException {
        Path file = Files.createDirectories(dataDir).resolve("read-models.mv.db");
        MongoServer server = new MongoServer(new H2Backend(file.toString().replaceFirst("\\.mv\\.db$", "")));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB wire server is running on 127.0.0.1:{} with its data in {}", address.getPort(), file);
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnection(MongoServer server) {
        ConnectionString connection = new ConnectionString(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/tandem");
        return () -> connection;
    }
}
