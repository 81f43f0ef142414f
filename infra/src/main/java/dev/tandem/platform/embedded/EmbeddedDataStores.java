package dev.tandem.platform.embedded;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 *
 * <p>Both are made to survive a crash of the platform (decision 0011): the directory is locked by the
 * running platform, PostgreSQL runs at its durable defaults and a server left by a killed platform is
 * stopped before a new one starts, and the read models are on disk before the query side moves on.
 */
@Configuration(proxyBeanMethods = false)
@Profile(EmbeddedDefaultsPostProcessor.PROFILE)
class EmbeddedDataStores {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataStores.class);

    /**
     * Already taken by {@link EmbeddedDefaultsPostProcessor} when the platform starts through Spring Boot;
     * asked for again here so that no store ever starts on a directory this process has not claimed.
     */
    @Bean
    DataDirectoryLock dataDirectoryLock(@Value("${platform.data-dir}") Path dataDir) {
        return DataDirectoryLock.hold(dataDir);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(DataDirectoryLock dataDir) throws IOException {
        Path directory = Files.createDirectories(dataDir.dataDir().resolve("postgres"));
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory);
        log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", server.postgres().getPort(), directory);
        return server;
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnection(EmbeddedPostgresServer server) {
        String url = server.postgres().getJdbcUrl("postgres", "postgres");
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
    MongoServer embeddedMongo(DataDirectoryLock dataDir) {
        MongoServer server = new MongoServer(ReadModelStore.open(dataDir.dataDir(), Clock.systemUTC()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB wire server is running on 127.0.0.1:{} with its data in {}", address.getPort(),
                dataDir.dataDir().resolve(ReadModelStore.FILE_NAME));
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnection(MongoServer server) {
        ConnectionString connection = new ConnectionString(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/tandem");
        return () -> connection;
    }
}
