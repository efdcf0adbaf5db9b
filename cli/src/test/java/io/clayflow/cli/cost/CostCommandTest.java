package io.clayflow.cli.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.cli.ClayflowCli;
import io.clayflow.status.cost.CostGrouping;
import io.clayflow.status.cost.CostLedger;
import io.clayflow.schemas.CostEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clayflow cost}'s options and its table, without a cluster. */
class CostCommandTest {

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = ClayflowCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("cost", "--from", "2026-12-02", "--to", "2026-12-01", "--bootstrap-servers",
                "127.0.0.1:1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--to (2026-12-01T00:00:00Z) must be after --from (2026-12-02T00:00:00Z)");
    }

    @Test
    void anUnknownGroupingIsAUsageError() {
        CommandLine cli = ClayflowCli.commandLine();
        cli.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute("cost", "--by", "campaign")).isEqualTo(2);
    }

    @Test
    void theTableHasALinePerGroupAndTheTotalWithNumbersGroupedInEveryLocale() {
        CostLedger ledger = new CostLedger();
        long at = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        for (int i = 0; i < 1200; i++) {
            ledger.add(CostEvent.estimated("lead-" + i, i % 2 == 0 ? "web-form" : "csv-import", "t", 2, 3, at));
        }
        ledger.add(CostEvent.saved(CostEvent.Kind.SAVED_CACHE, "lead-0", "web-form", "t", 2, 3, at));

        List<String> lines = CostTable.lines(ledger.report(Instant.parse("2026-12-01T00:00:00Z"), null,
                CostGrouping.SOURCE), "");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("source").contains("rows", "actions", "data credits", "cache hits");
        assertThat(lines.get(1)).matches("csv-import\\s+600\\s+1,200\\s+1,800\\s+0\\s+0\\s+0\\s+0\\s+0");
        assertThat(lines.get(2)).matches("web-form\\s+600\\s+1,200\\s+1,800\\s+0\\s+0\\s+1\\s+2\\s+3");
        assertThat(lines.get(3)).matches("total\\s+1,200\\s+2,400\\s+3,600\\s+0\\s+0\\s+1\\s+2\\s+3");
    }
}
