package io.clayflow.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A Java installation a child process can run on: its home directory and feature version (17, 21, 25, ...). */
public record JavaRuntime(Path home, int feature) {

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)(?:[.\"].*)?$");

    public JavaRuntime {
        Objects.requireNonNull(home, "home");
    }

    /** The JVM running this code. */
    public static JavaRuntime current() {
        return new JavaRuntime(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    /** The installation at {@code home}, if it has a {@code bin/java} and a {@code release} file naming its version. */
    public static Optional<JavaRuntime> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.map(line -> JAVA_VERSION.matcher(line.trim()))
                    .filter(Matcher::matches)
                    .findFirst()
                    .map(matcher -> new JavaRuntime(home, Integer.parseInt(matcher.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + release, e);
        }
    }

    /**
     * The installation a user configured under {@code setting} (a Java home).
     *
     * @throws IllegalStateException naming the setting when {@code home} is not a Java home
     */
    public static JavaRuntime configured(String setting, Path home) {
        return at(home).orElseThrow(() -> new IllegalStateException(setting + "=" + home
                + " is not a Java home (no bin/java or release file)"));
    }

    /** The newest installation directly under {@code directory} (e.g. {@code /usr/lib/jvm}) of at least {@code feature}. */
    public static Optional<JavaRuntime> newestUnder(Path directory, int feature) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<Path> homes;
        try (Stream<Path> children = Files.list(directory)) {
            homes = children.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return homes.stream()
                .map(JavaRuntime::at)
                .flatMap(Optional::stream)
                .filter(runtime -> runtime.feature() >= feature)
                .max(Comparator.comparingInt(JavaRuntime::feature).thenComparing(JavaRuntime::home));
    }

    /** The {@code java} launcher of this installation. */
    public Path executable() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return "Java " + feature + " at " + home;
    }
}
