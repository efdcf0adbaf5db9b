package io.clayflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The suite's results as one markdown table: what was measured, how much, the rate, its ratio to the broker's own
 * produce rate where that means something, other figures (latency, memory, disk), the load average when the row was
 * taken, and the command that reproduces the row alone.
 */
final class ResultsTable {

    /** One measured row; {@code rateValue} is compared with the reference rate when present. */
    record Row(String what, String n, String rate, OptionalDouble rateValue, String other, String load,
               String command) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final double loadAtStart = loadAverage();
    private double referenceRate;

    /** The broker's own produce rate (records/s) every rate row is compared with. */
    void reference(double recordsPerSecond) {
        this.referenceRate = recordsPerSecond;
    }

    /** A row whose rate is compared with the broker's own produce rate. */
    void rate(String what, String n, double perSecond, String unit, String other, String only) {
        rows.add(new Row(what, n, String.format(Locale.ROOT, "%,.0f %s", perSecond, unit), OptionalDouble.of(perSecond),
                other, load(), only));
    }

    /** A row with no ratio: latency at a fixed rate, JMH, memory. */
    void figure(String what, String n, String value, String other, String only) {
        rows.add(new Row(what, n, value, OptionalDouble.empty(), other, load(), only));
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# clayflow benchmark suite%n%n%s, %d cores, Java %s, %s %s, max heap %d MB;"
                        + " load average %.2f at the start, %.2f at the end.%n%n",
                started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20, loadAtStart, loadAverage()));
        out.append("| what | N | rate / value | ratio to broker produce | other | load avg | reproduce alone |\n");
        out.append("|---|---:|---:|---:|---|---:|---|\n");
        for (Row row : rows) {
            String ratio = row.rateValue().isPresent() && referenceRate > 0
                    ? String.format(Locale.ROOT, "%.3f", row.rateValue().getAsDouble() / referenceRate) : "";
            out.append("| ").append(row.what()).append(" | ").append(row.n()).append(" | ").append(row.rate())
                    .append(" | ").append(ratio).append(" | ").append(row.other()).append(" | ").append(row.load())
                    .append(" | `").append(row.command()).append("` |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        out.append("\nA row's command runs that piece alone: `mvn -pl bench -am verify -Pbenchmark "
                + "-Dit.test=BenchSuiteBenchmark -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dfailsafe.failIfNoSpecifiedTests=false` followed by the `-D` options shown.\n");
        return out.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.1f", loadAverage());
    }
}
