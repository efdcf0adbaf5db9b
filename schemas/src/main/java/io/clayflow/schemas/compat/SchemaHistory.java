package io.clayflow.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The released versions of each schema, kept as {@code <history>/<full name>/v<N>.avsc}, checked against each
 * other and against the current {@code .avsc} files: every version must read everything the one before wrote.
 */
public final class SchemaHistory {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path historyDir;
    private final Path currentDir;

    public SchemaHistory(Path historyDir, Path currentDir) {
        this.historyDir = historyDir;
        this.currentDir = currentDir;
    }

    /** Every problem found, one line each, naming the schema, the versions and the field; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Schema> current = currentSchemas();
        for (Map.Entry<String, Schema> entry : current.entrySet()) {
            String name = entry.getKey();
            List<Path> versions = versions(name);
            if (versions.isEmpty()) {
                problems.add(name + ": no released version in " + historyDir.resolve(name)
                        + "; copy the .avsc there as v1.avsc");
                continue;
            }
            for (int i = 1; i < versions.size(); i++) {
                check(problems, name + " " + label(versions.get(i)) + " vs " + label(versions.get(i - 1)),
                        parse(versions.get(i)), parse(versions.get(i - 1)));
            }
            Path latest = versions.get(versions.size() - 1);
            check(problems, name + " current vs " + label(latest), entry.getValue(), parse(latest));
        }
        return problems;
    }

    private static void check(List<String> problems, String what, Schema newer, Schema older) {
        for (String problem : BackwardCompatibility.problems(newer, older)) {
            problems.add(what + " is not BACKWARD compatible: " + problem);
        }
    }

    private Map<String, Schema> currentSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(currentDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = parse(file);
                schemas.put(schema.getFullName(), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list schemas in " + currentDir, e);
        }
        return schemas;
    }

    private List<Path> versions(String fullName) {
        Path dir = historyDir.resolve(fullName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(SchemaHistory::versionNumber))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static int versionNumber(Path file) {
        Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String label(Path version) {
        return "v" + versionNumber(version);
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
