package io.clayflow.connect.sink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * A sink's metrics, registered with the worker (JMX, and whatever reporter it runs): counters with a total and a
 * per-second rate, and gauges. Each sink names its own.
 */
public final class SinkMetrics {

    private final PluginMetrics metrics;

    public SinkMetrics(PluginMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A counter published as {@code <name>-total} and {@code <name>-rate}. */
    public Sensor counter(String name, String description) {
        Sensor sensor = metrics.addSensor(name);
        sensor.add(metrics.metricName(name + "-total", description, new LinkedHashMap<>()), new CumulativeSum());
        sensor.add(metrics.metricName(name + "-rate", description + ", per second", new LinkedHashMap<>()),
                new Rate());
        return sensor;
    }

    public void gauge(String name, String description, LongSupplier value) {
        gauge(name, description, Map.of(), value);
    }

    public void gauge(String name, String description, Map<String, String> tags, LongSupplier value) {
        metrics.addMetric(metrics.metricName(name, description, new LinkedHashMap<>(tags)),
                (Gauge<Long>) (config, now) -> value.getAsLong());
    }
}
