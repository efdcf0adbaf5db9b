package io.clayflow.cli.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.cli.TimeRangeOptions;
import io.clayflow.schemas.Topics;
import io.clayflow.status.cost.CostGrouping;
import io.clayflow.status.cost.CostLedgerReader;
import io.clayflow.status.cost.CostReport;
import io.clayflow.status.cost.CostReportFields;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code clayflow cost}: the cost ledger ({@value Topics#COST_EVENTS}) over a time range, per source or per Clay
 * table: rows sent, Actions and Data Credits spent (Clay's actual figures where its callback carried them, else the
 * estimate), and what dropped duplicates and cache hits saved.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Rows sent to Clay, Actions and Data Credits spent, and credits saved by duplicates dropped "
                + "and cache hits, per lead source or per Clay table, over a time range, from the cost ledger topic "
                + Topics.COST_EVENTS + ".", "The range is --from (default: today, UTC midnight) to --to (default: "
                + "now), by when intake released the rows."})
public final class CostCommand extends ClusterCommand {

    /** How the report is printed. */
    enum Output { TABLE, JSON }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** When the rows were released to Clay: by default from today's UTC midnight to now. */
    @Mixin
    TimeRangeOptions range;

    @Option(names = "--by", paramLabel = "source|table", defaultValue = "source",
            description = "Group by the lead's source or by Clay table (default: ${DEFAULT-VALUE}).")
    CostGrouping by;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (fields in cli/README.md).")
    Output output;

    private final Clock clock;

    public CostCommand() {
        this(Clock.systemUTC());
    }

    CostCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Instant start = range.from() != null ? range.from() : clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant to = range.to();
        if (to != null && !to.isAfter(start)) {
            throw new ParameterException(spec.commandLine(), "--to (" + to + ") must be after --from (" + start + ")");
        }
        CostReport report = new CostLedgerReader(cluster.settings()).read(start).report(start, to, by);
        PrintWriter out = out();
        if (output == Output.JSON) {
            Map<String, Object> json = CostReportFields.of(report);
            out.println(MAPPER.writeValueAsString(json));
        } else {
            out.println("clayflow cost  " + start + " .. " + (to == null ? "now" : to.toString()) + "  by "
                    + by.label());
            CostTable.lines(report, "").forEach(out::println);
            if (report.undecodable() > 0) {
                out.println(report.undecodable() + " ledger records were not cost events and were skipped");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
