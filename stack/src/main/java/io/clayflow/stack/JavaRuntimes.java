package io.clayflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Java installations a child process can run on, found by their {@code release} file. */
final class JavaRuntimes {

    /** A Java home and its feature version (17, 21, 25, ...). */
    record Runtime(Path home, int feature) {

        Path executable() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "Java " + feature + " at " + home;
        }
    }

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)(?:[.\"].*)?$");

    private JavaRuntimes() {
    }

    static Runtime current() {
        return new Runtime(Path.of(System.getProperty("java.home")), java.lang.Runtime.version().feature());
    }

    /** The installation at {@code home}, if it has {@code bin/java} and a {@code release} file naming its version. */
    static Optional<Runtime> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.map(line -> JAVA_VERSION.matcher(line.trim()))
                    .filter(Matcher::matches)
                    .findFirst()
                    .map(matcher -> new Runtime(home, Integer.parseInt(matcher.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + release, e);
        }
    }

    /** The newest installation directly under {@code directory} of at least {@code feature}. */
    static Optional<Runtime> newestUnder(Path directory, int feature) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<Path> homes;
        try (Stream<Path> children = Files.list(directory)) {
            homes = children.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return homes.stream().map(JavaRuntimes::at).flatMap(Optional::stream)
                .filter(runtime -> runtime.feature() >= feature)
                .max(Comparator.comparingInt(Runtime::feature).thenComparing(Runtime::home));
    }
}
