package io.clayflow.connect.warehouse;

import io.clayflow.connect.sink.SinkMetrics;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Sensor;

/** The warehouse sink's metrics: rows upserted, rows dead-lettered, columns added, and the circuit's state. */
final class WarehouseSinkMetrics {

    private final Sensor upserted;
    private final Sensor deadLettered;
    private final Sensor columnsAdded;

    WarehouseSinkMetrics(SinkMetrics metrics, LongSupplier circuitState) {
        this.upserted = metrics.counter("rows-upserted", "Rows inserted or updated in the warehouse table");
        this.deadLettered = metrics.counter("rows-dead-lettered",
                "Records that did not decode or that the database refused, sent to the dead-letter topic");
        this.columnsAdded = metrics.counter("columns-added", "Columns added for new fields of the records' schema");
        metrics.gauge("circuit-state", "Warehouse circuit: 0 closed, 1 open, 2 half-open", circuitState);
    }

    void upserted(int rows) {
        upserted.record(rows);
    }

    void deadLettered() {
        deadLettered.record();
    }

    void columnsAdded(int columns) {
        if (columns > 0) {
            columnsAdded.record(columns);
        }
    }
}
