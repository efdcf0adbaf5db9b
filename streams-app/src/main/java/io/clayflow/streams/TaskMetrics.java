package io.clayflow.streams;

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
 * A processor's own metrics, registered through Kafka Streams' metrics (so every Streams metrics reporter, JMX and
 * the management port's {@code /metrics} see them) in group {@code stream-<scope>-metrics}, tagged
 * {@code thread-id} and {@code <scope>-id} (the task id). Counters have {@code <name>-total} and
 * {@code <name>-rate}; gauges hold the last value recorded. Closing removes them, as a closed task must.
 */
public final class TaskMetrics implements AutoCloseable {

    private final StreamsMetrics metrics;
    private final String scope;
    private final String threadId;
    private final String taskId;
    private final List<Sensor> sensors = new ArrayList<>();

    /** @param scope e.g. {@code clayflow-intake}: names the group and the task tag */
    public TaskMetrics(ProcessorContext<?, ?> context, String scope) {
        this.metrics = context.metrics();
        this.scope = scope;
        this.threadId = Thread.currentThread().getName();
        this.taskId = context.taskId().toString();
    }

    /** The metric group of a scope, e.g. {@code stream-clayflow-intake-metrics}. */
    public static String group(String scope) {
        return "stream-" + scope + "-metrics";
    }

    /** A counter: {@code <name>-total} and {@code <name>-rate} (per second); record once per event. */
    public Sensor counter(String name) {
        Sensor sensor = metrics.addRateTotalSensor(scope, taskId, name, Sensor.RecordingLevel.INFO);
        sensors.add(sensor);
        return sensor;
    }

    /** A gauge: {@code <name>} holds the last value recorded. */
    public Sensor gauge(String name, String description) {
        Sensor sensor = metrics.addSensor(scope + "." + threadId + "." + taskId + "." + name,
                Sensor.RecordingLevel.INFO);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("thread-id", threadId);
        tags.put(scope + "-id", taskId);
        sensor.add(new MetricName(name, group(scope), description, tags), new Value());
        sensors.add(sensor);
        return sensor;
    }

    @Override
    public void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
