package io.clayflow.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell lines of a Markdown file's quick start: every line of each fenced block that follows a
 * {@code <!-- quickstart ... -->} comment, in the order they stand, exactly as written; but a Maven line
 * ({@code mvn verify}), which is the build this test runs in.
 */
final class QuickStartLines {

    static final String MARKER = "<!-- quickstart";

    private QuickStartLines() {
    }

    /** A Maven command: the quick start's build, which the test runs inside of. */
    static boolean isBuild(String line) {
        return line.trim().startsWith("mvn ");
    }

    static List<String> of(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith(MARKER)) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !lines.get(fence).startsWith("```")) {
                throw new IllegalStateException(markdown + " line " + (i + 1) + ": a quickstart marker must stand "
                        + "right above a fenced code block");
            }
            int line = fence + 1;
            for (; line < lines.size() && !lines.get(line).startsWith("```"); line++) {
                if (!lines.get(line).isBlank() && !isBuild(lines.get(line))) {
                    commands.add(lines.get(line));
                }
            }
            i = line;
        }
        if (commands.isEmpty()) {
            throw new IllegalStateException(markdown + " has no block marked " + MARKER + " -->");
        }
        return commands;
    }
}
