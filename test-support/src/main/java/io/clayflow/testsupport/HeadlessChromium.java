package io.clayflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} run headless, one process per call with a fresh profile: a page's DOM after its scripts
 * ran for a virtual-time budget, or a screenshot of it. Tests skip themselves when {@link #find()} finds none.
 */
public final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    public HeadlessChromium(Path executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    /** {@code CLAYFLOW_CHROMIUM} when set, else the usual Debian/Ubuntu paths. */
    public static Optional<HeadlessChromium> find() {
        String configured = System.getenv("CLAYFLOW_CHROMIUM");
        Stream<String> paths = configured == null || configured.isBlank() ? CANDIDATES.stream()
                : Stream.of(configured);
        return paths.map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** The serialized DOM once the page's scripts have run for {@code budget} of virtual time. */
    public String dumpDom(URI page, Duration budget) {
        return new String(run(List.of("--virtual-time-budget=" + budget.toMillis(), "--dump-dom", page.toString()),
                null), StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page, {@code width}×{@code height}, after {@code budget} of virtual time. */
    public Path screenshot(URI page, Path file, int width, int height, Duration budget) {
        run(List.of("--virtual-time-budget=" + budget.toMillis(), "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + file.toAbsolutePath(), page.toString()),
                file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + file);
        }
        return file;
    }

    private byte[] run(List<String> arguments, Path output) {
        Path profile = null;
        Path log = null;
        try {
            profile = Files.createTempDirectory("clayflow-chromium-profile");
            log = Files.createTempFile("clayflow-chromium", ".log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile));
            command.addAll(arguments);
            if (output != null) {
                Files.deleteIfExists(output);
            }
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + PROCESS_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chromium ran", e);
        } finally {
            delete(profile);
            delete(log);
        }
    }

    private static void delete(Path path) {
        if (path == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp profile left behind costs disk, not correctness.
        }
    }
}
