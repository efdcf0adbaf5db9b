package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which lines of a README the quick-start test runs. */
class QuickStartLinesTest {

    @TempDir
    Path dir;

    @Test
    void theLinesOfMarkedBlocksInOrderButNotTheBuildNorUnmarkedBlocks() throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "# title",
                "<!-- quickstart: what the test runs -->",
                "```bash",
                "./clayflow up              # the pipeline",
                "mvn verify                 # every test",
                "```",
                "```bash",
                "./clayflow not-run",
                "```",
                "<!-- quickstart -->",
                "```bash",
                "./clayflow demo --leads 5",
                "",
                "./clayflow status",
                "```"));

        assertThat(QuickStartLines.of(readme)).containsExactly("./clayflow up              # the pipeline",
                "./clayflow demo --leads 5", "./clayflow status");
    }

    @Test
    void aMarkerNotAboveABlockOrNoMarkerAtAllIsAnError() throws Exception {
        Path stray = Files.writeString(dir.resolve("stray.md"), "<!-- quickstart -->\ntext\n");
        Path none = Files.writeString(dir.resolve("none.md"), "```bash\n./clayflow up\n```\n");

        assertThatThrownBy(() -> QuickStartLines.of(stray)).hasMessageContaining("right above a fenced code block");
        assertThatThrownBy(() -> QuickStartLines.of(none)).hasMessageContaining("has no block marked");
    }
}
