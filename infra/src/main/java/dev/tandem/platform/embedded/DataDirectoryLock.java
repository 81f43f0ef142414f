package dev.tandem.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default's claim on its data directory: an operating-system lock on
 * {@code <data-dir>/platform.lock}, taken before anything reads or writes the directory and held for the
 * rest of the JVM's life. The lock dies with the process that holds it, however it ends, so a platform
 * killed with {@code kill -9} leaves nothing that blocks the next start, while a second platform started
 * against the directory of a running one is refused before it touches anything. The file names the
 * holder's pid, for the message.
 *
 * <p>Within one JVM the claim is taken once: a context closed and started again on the same directory
 * (as tests do) finds it already held by its own process.
 */
final class DataDirectoryLock {

    static final String FILE_NAME = "platform.lock";

    /** Held until the JVM exits: the channels are never closed, which is what keeps the locks. */
    private static final Map<Path, DataDirectoryLock> HELD = new ConcurrentHashMap<>();

    private final Path dataDir;
    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // referenced so that it is never collected
    private final FileLock lock;

    private DataDirectoryLock(Path dataDir, FileLock lock) {
        this.dataDir = dataDir;
        this.lock = lock;
    }

    /** Takes the directory for this JVM, or refuses with {@link DataDirectoryInUseException} when another live process holds it. */
    static DataDirectoryLock hold(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        return HELD.computeIfAbsent(directory, DataDirectoryLock::acquire);
    }

    private static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirectoryLock(dataDir, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the data directory " + dataDir + " (" + file + ")", e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(64);
        channel.read(content, 0);
        String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** A second platform against the data directory of a running one. */
    static final class DataDirectoryInUseException extends IllegalStateException {

        DataDirectoryInUseException(Path dataDir, String pid) {
            super("data directory " + dataDir + " is in use by another running platform (pid " + pid + ")");
        }
    }
}
