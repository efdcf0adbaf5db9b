package io.clayflow.connect.sink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink's metrics, registered with the worker (JMX, and whatever reporter it runs): counters with a total and a
 * per-second rate, and gauges. Each sink names its own.
 */
public final class SinkMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);

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

    /**
     * Registers a gauge. A gauge still held by an earlier instance of the task (one Connect gave up stopping, e.g.
     * blocked while the broker was away) cannot be replaced: it is left to that instance rather than failing this
     * one, which would then never run again until restarted by hand.
     */
    public void gauge(String name, String description, Map<String, String> tags, LongSupplier value) {
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>(tags));
        try {
            metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
        } catch (IllegalArgumentException alreadyRegistered) {
            LOG.warn("Metric {} {} is still registered by an earlier instance of this task that did not stop; it "
                    + "shows that instance's value until the worker restarts", name, tags);
        }
    }
}
