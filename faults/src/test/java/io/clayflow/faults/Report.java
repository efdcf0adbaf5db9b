package io.clayflow.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends a scenario's measured figures to {@code target/fault-figures.txt}, the source of docs/reliability.md. */
final class Report {

    private static final Path FILE = Path.of("target", "fault-figures.txt");

    private Report() {
    }

    static void append(String scenario, String figures) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, Instant.now() + " " + scenario + ": " + figures + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
