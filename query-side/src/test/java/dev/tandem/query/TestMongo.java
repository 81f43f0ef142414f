package dev.tandem.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * A MongoDB for projection tests: a real server when {@code MONGODB_URI} is set, otherwise the
 * in-process wire server. Each instance uses a database of its own.
 */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final ReactiveMongoTemplate template;

    public TestMongo() {
        String uri = System.getenv("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        } else {
            server = null;
        }
        client = MongoClients.create(uri);
        template = new ReactiveMongoTemplate(client, "tandem-test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public ReactiveMongoTemplate template() {
        return template;
    }

    @Override
    public void close() {
        template.getMongoDatabase().flatMap(database -> reactor.core.publisher.Mono.from(database.drop())).block();
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
