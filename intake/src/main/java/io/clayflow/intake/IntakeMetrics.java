package io.clayflow.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Intake's own metrics, registered through Kafka Streams' metrics (so every Streams metrics reporter and JMX see
 * them) in group {@value #GROUP}, tagged {@code thread-id} and {@code clayflow-intake-id} (the task id).
 * Counters have {@code <name>-total} and {@code <name>-rate}; gauges hold the last value recorded.
 */
final class IntakeMetrics implements AutoCloseable {

    static final String SCOPE = "clayflow-intake";
    static final String GROUP = "stream-" + SCOPE + "-metrics";
    static final String DUPLICATES_DROPPED = "duplicates-dropped";
    static final String RELEASED = "released";
    static final String BUDGET_LEFT = "budget-left";
    static final String BACKLOG_SIZE = "backlog-size";

    private final StreamsMetrics metrics;
    private final String threadId;
    private final String taskId;
    private final List<Sensor> sensors = new ArrayList<>();

    IntakeMetrics(ProcessorContext<?, ?> context) {
        this.metrics = context.metrics();
        this.threadId = Thread.currentThread().getName();
        this.taskId = context.taskId().toString();
    }

    /** A counter: {@code <name>-total} and {@code <name>-rate} (per second); record once per event. */
    Sensor counter(String name) {
        Sensor sensor = metrics.addRateTotalSensor(SCOPE, taskId, name, Sensor.RecordingLevel.INFO);
        sensors.add(sensor);
        return sensor;
    }

    /** A gauge: {@code <name>} holds the last value recorded. */
    Sensor gauge(String name, String description) {
        Sensor sensor = metrics.addSensor(SCOPE + "." + threadId + "." + taskId + "." + name,
                Sensor.RecordingLevel.INFO);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("thread-id", threadId);
        tags.put(SCOPE + "-id", taskId);
        sensor.add(new MetricName(name, GROUP, description, tags), new Value());
        sensors.add(sensor);
        return sensor;
    }

    @Override
    public void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
