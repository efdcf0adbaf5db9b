package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The table's enrichment and HTTP API column: once a row is added, after the enrichment delay, the row is enriched and
 * posted to the callback URL. The callback faults act here: duplicates (Clay's auto-update re-running the column),
 * random extra delay (out of order), a long fixed delay (late, past a timeout), and the column erroring (no call).
 *
 * @param sender {@code null} when no callback URL is configured: nothing is then called
 */
record HttpApiColumn(LeadEnricher enricher, Duration delay, FaultInjector faults, CallbackSender sender, Timers timers,
                     SimulatorCounters counters, DroppedCallbacks dropped) {

    void rowAdded(JsonObject row) {
        if (sender == null) {
            return;
        }
        long late = faults.callbackLateDelayMillis();
        if (late > 0) {
            counters.callback(SimulatorCounters.Callback.LATE);
        }
        timers.schedule(delay.toMillis() + late + faults.callbackExtraDelayMillis(), () -> run(row));
        if (faults.callbackDuplicated()) {
            counters.callback(SimulatorCounters.Callback.DUPLICATED);
            timers.schedule(delay.toMillis() + late + faults.callbackExtraDelayMillis(), () -> run(row));
        }
    }

    private void run(JsonObject row) {
        if (faults.callbackFails()) {
            counters.callback(SimulatorCounters.Callback.FAILED);
            dropped.dropped(row, DroppedCallbacks.COLUMN_FAILED);
            return;
        }
        sender.send(enricher.enrich(row));
    }
}
