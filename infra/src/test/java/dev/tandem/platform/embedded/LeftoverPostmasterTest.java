package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the start-up check does with a {@code postmaster.pid} that is not a live server of ours. (The live
 * server a killed platform leaves behind is stopped in {@code dev.tandem.platform.crash.KillAndRestartTest},
 * with a real kill.)
 */
class LeftoverPostmasterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path postgresDir;

    @Test
    void aDirectoryWithoutAPidFileIsLeftAlone() {
        assertThatNoException().isThrownBy(() -> LeftoverPostmaster.stopIfRunning(postgresDir, PATIENCE));
    }

    @Test
    void aPidFileWhoseProcessHasEndedIsLeftForPostgresToReplace() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path pidFile = pidFile(ended.pid());

        LeftoverPostmaster.stopIfRunning(postgresDir, PATIENCE);

        assertThat(pidFile).exists();
    }

    @Test
    void aPidFileNamingAnUnrelatedLiveProcessIsRemovedAndTheProcessIsNotSignalled() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = pidFile(unrelated.pid());

            LeftoverPostmaster.stopIfRunning(postgresDir, PATIENCE);

            assertThat(pidFile).doesNotExist();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    /** The first lines of PostgreSQL's own pid file: the postmaster's pid, its data directory, when it started. */
    private Path pidFile(long pid) throws Exception {
        return Files.writeString(postgresDir.resolve(LeftoverPostmaster.PID_FILE),
                pid + "\n" + postgresDir + "\n1796305344\n5432\n/tmp\nlocalhost\n  2351340     98360\nready   \n");
    }
}
