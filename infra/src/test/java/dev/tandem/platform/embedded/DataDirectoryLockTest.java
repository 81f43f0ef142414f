package dev.tandem.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aDirectoryHeldByAnotherLiveProcessIsRefusedNamingItAndIsFreeOnceThatProcessIsKilled() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("held");

            assertThatThrownBy(() -> DataDirectoryLock.hold(dataDir))
                    .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessage("data directory " + dataDir + " is in use by another running platform (pid " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // SIGKILL ran nothing of the holder's, and still the directory is free: the lock died with the process
        assertThat(DataDirectoryLock.hold(dataDir).dataDir()).isEqualTo(dataDir);
    }

    @Test
    void thisProcessHoldsItsDirectoryOnceHoweverOftenItStartsOnIt() {
        DataDirectoryLock first = DataDirectoryLock.hold(dataDir);

        assertThat(DataDirectoryLock.hold(dataDir.resolve(".").resolve("sub").resolve(".."))).isSameAs(first);
    }

    /** Another platform, as far as the lock can tell: holds the directory, says so, and waits. */
    static final class Holder {

        public static void main(String[] args) throws Exception {
            DataDirectoryLock.hold(Path.of(args[0]));
            System.out.println("held");
            System.out.flush();
            System.in.read(); // until the test kills it (or, should the test die first, its pipe closes)
        }
    }
}
