package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the registry part does about a registry process a killed stack left behind, with real processes. */
class SchemaRegistryPartTest {

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatTheTestStarted() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private SchemaRegistryPart part() {
        return new SchemaRegistryPart(StackConfig.load(null, Map.of(), Map.of(StackConfig.DATA_DIR, data.toString())));
    }

    /** A long-running process whose command line carries {@code marker}, as the registry's carries its database. */
    private Process running(String marker) throws Exception {
        // sh waits for its sleep and takes it along when stopped, so no process outlives the test.
        Process process = new ProcessBuilder("sh", "-c", "sleep 60 & child=$!; trap 'kill $child; exit 143' TERM; wait",
                marker).start();
        started.add(process);
        return process;
    }

    private long exitedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.pid();
    }

    private void pidFile(long registry, long stack) throws Exception {
        Files.createDirectories(data.resolve("registry"));
        Files.writeString(data.resolve("registry").resolve("registry.pid"), "registry=" + registry + "\nstack=" + stack);
    }

    @Test
    void aRegistryLeftByAStackThatIsGoneIsStopped() throws Exception {
        SchemaRegistryPart part = part();
        Process leftover = running(part.datasourceUrl());
        pidFile(leftover.pid(), exitedPid());

        part.stopLeftovers();

        assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).as("the leftover registry stopped").isTrue();
        assertThat(data.resolve("registry").resolve("registry.pid")).doesNotExist();
    }

    @Test
    void aProcessThatIsNotThisDirectorysRegistryIsLeftAlone() throws Exception {
        SchemaRegistryPart part = part();
        Process unrelated = running("jdbc:h2:file:/somewhere/else/registry");
        pidFile(unrelated.pid(), exitedPid());

        part.stopLeftovers();

        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void aStackStillRunningOnTheSameDirectoryIsRefusedNotKilled() throws Exception {
        SchemaRegistryPart part = part();
        Process registry = running(part.datasourceUrl());
        Process otherStack = running("another-jvm");
        pidFile(registry.pid(), otherStack.pid());

        assertThatThrownBy(part::stopLeftovers).hasMessageContaining("another stack (pid " + otherStack.pid() + ")")
                .hasMessageContaining(data.toString());
        assertThat(registry.isAlive()).isTrue();
    }
}
