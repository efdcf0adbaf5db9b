package io.clayflow.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against Kafka's own metrics registry, as a Connect worker hands it to a task. */
class SinkMetricsTest {

    private static final Map<String, String> TASK = Map.of("connector", "clay-sink", "task", "0");

    private final Metrics registry = new Metrics();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aCounterPublishesItsTotalAndRate() {
        SinkMetrics metrics = new SinkMetrics(new PluginMetricsImpl(registry, TASK));

        metrics.counter("rows-sent", "Rows sent").record(10);

        assertThat(value("rows-sent-total")).isEqualTo(10.0);
        assertThat(registry.metrics()).containsKey(name("rows-sent-rate"));
    }

    @Test
    void aGaugeReadsItsSupplier() {
        new SinkMetrics(new PluginMetricsImpl(registry, TASK)).gauge("circuit-state", "Circuit", () -> 2);

        assertThat(value("circuit-state")).isEqualTo(2L);
    }

    @Test
    void aTaskStartsEvenWhenAnInstanceConnectGaveUpStoppingStillHoldsItsGauges() {
        SinkMetrics stuck = new SinkMetrics(new PluginMetricsImpl(registry, TASK));
        stuck.gauge("circuit-state", "Circuit", () -> 1);
        stuck.counter("rows-sent", "Rows sent").record(5);
        SinkMetrics restarted = new SinkMetrics(new PluginMetricsImpl(registry, TASK));

        restarted.gauge("circuit-state", "Circuit", () -> 0);
        restarted.counter("rows-sent", "Rows sent").record(3);

        assertThat(value("rows-sent-total")).as("the counter goes on from the earlier instance's").isEqualTo(8.0);
    }

    private Object value(String metric) {
        return registry.metrics().get(name(metric)).metricValue();
    }

    private MetricName name(String metric) {
        return registry.metrics().keySet().stream().filter(name -> name.name().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + metric + " in " + registry.metrics().keySet()));
    }
}
