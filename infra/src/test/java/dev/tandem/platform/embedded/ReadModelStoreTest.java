package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@ExtendWith(OutputCaptureExtension.class)
class ReadModelStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void whatTheDriverWasToldIsWrittenIsAlreadyInTheFile() throws Exception {
        MongoServer server = new MongoServer(ReadModelStore.open(dataDir, Clock.systemUTC()));
        try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
            MongoCollection<Document> entries = client.getDatabase("tandem").getCollection("timeline_entries");
            Mono.from(entries.insertOne(new Document("_id", "u1:f1").append("text", "Counted to ten"))).block();
            Mono.from(entries.updateOne(new Document("_id", "u1:f1"),
                    new Document("$set", new Document("acknowledged", true)))).block();

            // a kill -9 at this instant leaves exactly the bytes that are in the file now
            Path survivor = Files.createDirectories(dataDir.resolve("after-a-kill"));
            Files.copy(dataDir.resolve(ReadModelStore.FILE_NAME), survivor.resolve(ReadModelStore.FILE_NAME));

            assertThat(inStore(survivor, "timeline_entries"))
                    .singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.getString("text")).isEqualTo("Counted to ten");
                        assertThat(entry.getBoolean("acknowledged")).isTrue();
                    });
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheReadModelsStartAfresh(CapturedOutput output) throws Exception {
        byte[] damaged = new byte[64 * 1024];
        new Random(9).nextBytes(damaged);
        Files.write(dataDir.resolve(ReadModelStore.FILE_NAME), damaged);
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T09:30:00Z"), ZoneOffset.UTC);

        MongoServer server = new MongoServer(ReadModelStore.open(dataDir, clock));
        try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
            MongoCollection<Document> entries = client.getDatabase("tandem").getCollection("timeline_entries");
            assertThat(Mono.from(entries.countDocuments()).block()).isZero();
            Mono.from(entries.insertOne(new Document("_id", "u2:f1"))).block();
            assertThat(Mono.from(entries.countDocuments()).block()).isEqualTo(1);
        } finally {
            server.shutdownNow();
        }

        Path aside = dataDir.resolve(ReadModelStore.FILE_NAME + ".unreadable-20261203T093000Z");
        assertThat(aside).exists();
        assertThat(Files.readAllBytes(aside)).isEqualTo(damaged);
        assertThat(output).contains("could not be opened", "moved aside to " + aside,
                "rebuilt from the event store");
    }

    private static List<Document> inStore(Path dataDir, String collection) {
        MongoServer server = new MongoServer(ReadModelStore.open(dataDir, Clock.systemUTC()));
        try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
            return Flux.from(client.getDatabase("tandem").getCollection(collection).find()).collectList().block();
        } finally {
            server.shutdownNow();
        }
    }

    private static String address(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return "127.0.0.1:" + server.getLocalAddress().getPort();
    }
}
