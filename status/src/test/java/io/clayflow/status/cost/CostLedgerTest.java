package io.clayflow.status.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the cost ledger adds up: rows by their estimate's time, Clay's figures replacing estimates, savings. */
class CostLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final CostLedger ledger = new CostLedger();

    private static long at(int minutes) {
        return T0.plusSeconds(60L * minutes).toEpochMilli();
    }

    @Test
    void anActualReplacesTheEstimateMeterByMeterAndTheLatestWins() {
        ledger.add(CostEvent.estimated("a", "web-form", "t1", 2, 3, at(1)));
        ledger.add(CostEvent.estimated("b", "web-form", "t1", 2, 3, at(2)));
        ledger.add(CostEvent.actual("a", "web-form", null, 9L, null, at(3)));
        ledger.add(CostEvent.actual("a", "web-form", "t2", 1L, null, at(4)));

        CostReport bySource = ledger.report(T0, null, CostGrouping.SOURCE);
        assertThat(bySource.groups().get("web-form")).isEqualTo(new CostFigures(2, 1 + 2, 3 + 3, 1, 0, 0, 0, 0));
        CostReport byTable = ledger.report(T0, null, CostGrouping.TABLE);
        assertThat(byTable.groups()).containsOnlyKeys("t1", "t2");
        assertThat(byTable.groups().get("t2").rows()).as("the table Clay's callback named").isEqualTo(1);
    }

    @Test
    void aRowCountsInTheRangeOfItsEstimateAndItsActualFollowsIt() {
        ledger.add(CostEvent.estimated("a", "api", "t", 2, 0, at(1)));
        ledger.add(CostEvent.estimated("b", "api", "t", 2, 0, at(10)));
        ledger.add(CostEvent.actual("a", "api", "t", 5L, 0L, at(11)));

        assertThat(ledger.report(T0, T0.plusSeconds(300), CostGrouping.SOURCE).total())
                .isEqualTo(new CostFigures(1, 5, 0, 1, 0, 0, 0, 0));
        assertThat(ledger.report(T0.plusSeconds(300), null, CostGrouping.SOURCE).total())
                .as("a's actual belongs to the earlier range").isEqualTo(new CostFigures(1, 2, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void savingsCountBySourceAndKindInTheirOwnRange() {
        ledger.add(CostEvent.saved(CostEvent.Kind.SAVED_DUPLICATE, "a", "csv-import", "t", 2, 3, at(1)));
        ledger.add(CostEvent.saved(CostEvent.Kind.SAVED_CACHE, "a", "crm-event", "t", 2, 3, at(2)));
        ledger.add(CostEvent.saved(CostEvent.Kind.SAVED_DUPLICATE, "a", "csv-import", "t", 2, 3, at(90)));

        CostReport report = ledger.report(T0, T0.plusSeconds(3600), CostGrouping.SOURCE);
        assertThat(report.groups().get("csv-import")).isEqualTo(new CostFigures(0, 0, 0, 0, 1, 0, 2, 3));
        assertThat(report.groups().get("crm-event")).isEqualTo(new CostFigures(0, 0, 0, 0, 0, 1, 2, 3));
    }

    @Test
    void recordsThatAreNotCostEventsAreCountedAndSkipped() {
        ledger.add("not json".getBytes(StandardCharsets.UTF_8));
        ledger.add(CostEventSerde.encode(CostEvent.estimated("a", "api", null, 2, 0, at(1))));

        CostReport report = ledger.report(T0, null, CostGrouping.TABLE);
        assertThat(report.undecodable()).isEqualTo(1);
        assertThat(report.groups()).containsOnlyKeys("(unknown)");
    }
}
