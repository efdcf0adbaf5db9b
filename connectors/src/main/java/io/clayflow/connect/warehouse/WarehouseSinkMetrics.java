package io.clayflow.connect.warehouse;

import io.clayflow.connect.sink.SinkMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** The warehouse sink's metrics beside the shared ones (dead letters, circuit state): rows upserted, columns added. */
final class WarehouseSinkMetrics {

    private final Sensor upserted;
    private final Sensor columnsAdded;

    WarehouseSinkMetrics(SinkMetrics metrics) {
        this.upserted = metrics.counter("rows-upserted", "Rows inserted or updated in the warehouse table");
        this.columnsAdded = metrics.counter("columns-added", "Columns added for new fields of the records' schema");
    }

    void upserted(int rows) {
        upserted.record(rows);
    }

    void columnsAdded(int columns) {
        if (columns > 0) {
            columnsAdded.record(columns);
        }
    }
}
