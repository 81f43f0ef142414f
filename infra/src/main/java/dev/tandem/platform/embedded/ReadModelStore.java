package dev.tandem.platform.embedded;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB wire server's storage on the embedded default: an H2 file holding the query side's read
 * models, made as crash-safe as what it is built from.
 *
 * <p><b>Every change is on disk before the driver hears "done".</b> H2's MVStore keeps changes in memory
 * and writes them about once a second; the query side's processors record their position in PostgreSQL
 * right after the driver's acknowledgement, so a {@code kill -9} inside that second would leave read
 * models behind positions that say they are complete, and the entries would be missing for good. Here
 * each command that changed something is committed and synced before its answer goes back.
 *
 * <p><b>A file that cannot be opened is moved aside</b> (renamed with a timestamp, kept for diagnosis) and
 * a fresh one started: the read models are derived data, and an empty store has no recorded read-model
 * versions, so the query side replays its processing groups from the event store at start
 * ({@code ReadModelVersions}, decision 0008).
 */
final class ReadModelStore extends H2Backend {

    /** The name the platform has always used: the MVStore takes it as given, adding no {@code .mv.db}. */
    static final String FILE_NAME = "read-models";

    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ReadModelStore(MVStore store) {
        super(store);
    }

    /** Opens {@code <data-dir>/read-models}, starting afresh (and saying so) when the file is unreadable. */
    static ReadModelStore open(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            return openBackend(file);
        } catch (RuntimeException unreadable) {
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + STAMP.format(clock.instant()));
            try {
                Files.move(file, aside);
            } catch (IOException e) {
                unreadable.addSuppressed(e);
                throw new IllegalStateException("The read-model file " + file + " cannot be opened and cannot be moved "
                        + "aside: move or delete it (the read models are rebuilt from the event store)", unreadable);
            }
            log.warn("The read-model file {} could not be opened ({}); it was moved aside to {} and the read models "
                    + "are rebuilt from the event store", file, unreadable.getMessage(), aside);
            return openBackend(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
    }

    /** The backend reads every database's collections as it is made, so a damaged file may fail here, not at open. */
    private static ReadModelStore openBackend(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        try {
            return new ReadModelStore(store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            persist();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        try {
            return super.handleQuery(query);
        } finally {
            persist();
        }
    }

    /** Reads leave nothing unsaved and cost nothing here; a command that wrote is committed and synced. */
    private void persist() {
        MVStore store = getMvStore();
        if (!store.isClosed() && store.hasUnsavedChanges()) {
            store.commit();
            store.sync();
        }
    }
}
