package io.clayflow.ledger;

import io.clayflow.schemas.ClayLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The ledger's gauges per Clay table, in group {@value #GROUP}, tagged {@code thread-id},
 * {@code clayflow-clay-ledger-id} (the task) and {@code table}: {@code open}, {@code overdue},
 * {@code oldest-open-age-seconds}, and the totals {@code became-overdue}, {@code called-back-late}, {@code resent}
 * (gauges, not counters: set at every check from the stores, so they hold across restarts and never count an event
 * twice; no name ends in {@code -total}, which Prometheus keeps for counters).
 */
final class LedgerMetrics implements AutoCloseable {

    static final String SCOPE = "clayflow-clay-ledger";
    static final String GROUP = "stream-" + SCOPE + "-metrics";
    static final List<String> GAUGES = List.of("open", "overdue", "oldest-open-age-seconds", "became-overdue",
            "called-back-late", "resent");

    private final StreamsMetrics metrics;
    private final String threadId;
    private final String taskId;
    private final Map<String, List<Sensor>> byTable = new HashMap<>();

    LedgerMetrics(ProcessorContext<?, ?> context) {
        this.metrics = context.metrics();
        this.threadId = Thread.currentThread().getName();
        this.taskId = context.taskId().toString();
    }

    void record(String table, ClayLedger.Summary summary, long now) {
        List<Sensor> sensors = byTable.computeIfAbsent(table, this::register);
        long oldestAge = summary.oldestOpenSentAt() == 0 ? 0 : Math.max(0, now - summary.oldestOpenSentAt()) / 1000;
        long[] values = {summary.open(), summary.overdue(), oldestAge, summary.overdueTotal(), summary.lateTotal(),
            summary.resentTotal()};
        for (int i = 0; i < values.length; i++) {
            sensors.get(i).record(values[i]);
        }
    }

    private List<Sensor> register(String table) {
        List<Sensor> sensors = new ArrayList<>();
        for (String name : GAUGES) {
            Sensor sensor = metrics.addSensor(SCOPE + "." + threadId + "." + taskId + "." + table + "." + name,
                    Sensor.RecordingLevel.INFO);
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("thread-id", threadId);
            tags.put(SCOPE + "-id", taskId);
            tags.put("table", table);
            sensor.add(new MetricName(name, GROUP, "Clay ledger: " + name + " of the table's rows on this task",
                    tags), new Value());
            sensors.add(sensor);
        }
        return sensors;
    }

    @Override
    public void close() {
        byTable.values().forEach(sensors -> sensors.forEach(metrics::removeSensor));
        byTable.clear();
    }
}
