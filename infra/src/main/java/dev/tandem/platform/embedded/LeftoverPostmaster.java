package dev.tandem.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running in our data directory by a platform that was killed ({@code kill -9},
 * an out-of-memory kill, a frozen laptop switched off): the embedded server runs as a process of its own,
 * so it outlives the JVM that started it and holds the directory, and the next start would fail with
 * "Is another postmaster running". Found through PostgreSQL's own {@code postmaster.pid} and stopped the
 * way {@code pg_ctl stop -m fast} stops it, which is safe: the server checkpoints and exits.
 *
 * <p>Only ever called with the {@link DataDirectoryLock} held, so no running platform owns the server.
 * Before signalling anything it makes sure the pid is alive, is a {@code postgres} and serves this very
 * directory; a pid file whose process is something else (its pid reused after a reboot) is stale and is
 * removed, since PostgreSQL would refuse to start while that unrelated process lives.
 */
final class LeftoverPostmaster {

    static final String PID_FILE = "postmaster.pid";

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /**
     * Stops a postmaster left in {@code postgresDir}, waiting at most {@code patience} for it to exit.
     *
     * @throws IllegalStateException when a live server could not be stopped in time, or cannot be told apart
     *                               from a server that is not ours
     */
    static void stopIfRunning(Path postgresDir, Duration patience) {
        Path pidFile = postgresDir.resolve(PID_FILE);
        List<String> lines;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
        // line 1: the postmaster's pid, line 2: its data directory (PostgreSQL's miscadmin.h)
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            log.warn("{} is not a PostgreSQL pid file that can be read; leaving it to PostgreSQL", pidFile);
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("{} names pid {}, which no longer runs: a stale pid file that PostgreSQL replaces", pidFile, pid);
            return;
        }
        ProcessHandle postmaster = process.get();
        Optional<String> command = postmaster.info().command();
        if (command.isEmpty()) {
            throw new IllegalStateException("Process " + pid + " named by " + pidFile + " is running but cannot be "
                    + "inspected, so it cannot be told whether it is this platform's PostgreSQL: stop it, or remove the "
                    + "file if it is not a PostgreSQL server, and start again");
        }
        if (!isPostgres(command.get()) || servesAnotherDirectory(postmaster, postgresDir)) {
            log.warn("{} names pid {}, which is now {}, not this directory's PostgreSQL: removing the stale pid file",
                    pidFile, pid, command.get());
            deleteStale(pidFile);
            return;
        }
        if (!sameDirectory(Path.of(lines.get(1).strip()), postgresDir)) {
            throw new IllegalStateException("PostgreSQL " + pid + " is running and " + pidFile + " says it serves "
                    + lines.get(1).strip() + ", not " + postgresDir + " (a copied data directory?): stop that server "
                    + "before starting the platform on this directory");
        }
        log.warn("PostgreSQL (pid {}) is still running in {}, left by a platform that did not stop cleanly; "
                + "stopping it (fast shutdown) before starting again", pid, postgresDir);
        long started = System.nanoTime();
        askToStop(postmaster);
        try {
            postmaster.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running in " + postgresDir
                    + " by an earlier platform did not stop within " + patience.toSeconds() + " s; stop it by hand "
                    + "(pg_ctl stop -D " + postgresDir + " -m fast) and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL (pid " + pid + ") to stop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for PostgreSQL (pid " + pid + ") to stop", e);
        }
        log.info("Left-over PostgreSQL (pid {}) stopped in {} ms", pid,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static boolean isPostgres(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster");
    }

    /** The server's own {@code -D} argument, where it can be read, is the final word on which directory it serves. */
    private static boolean servesAnotherDirectory(ProcessHandle postmaster, Path postgresDir) {
        List<String> arguments = postmaster.info().arguments().map(Arrays::asList).orElse(List.of());
        int flag = arguments.indexOf("-D");
        return flag >= 0 && flag + 1 < arguments.size() && !sameDirectory(Path.of(arguments.get(flag + 1)), postgresDir);
    }

    private static boolean sameDirectory(Path named, Path postgresDir) {
        try {
            return Files.isSameFile(named, postgresDir);
        } catch (IOException missing) {
            return false;
        }
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown (what {@code pg_ctl stop -m fast} sends): clients are disconnected,
     * the server checkpoints and exits. The JDK can only send SIGTERM (a smart shutdown, which also ends once
     * the dead platform's connections are gone), so that is the fallback where {@code kill} cannot be run.
     */
    private static void askToStop(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
            kill.destroyForcibly();
        } catch (IOException noKillCommand) {
            // fall through to SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static void deleteStale(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the stale " + pidFile, e);
        }
    }
}
