package io.clayflow.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter rules against beans published the way a Connect worker publishes them (Kafka's JmxReporter under
 * {@code kafka.connect}, a sink's PluginMetrics in group {@code plugins} tagged connector and task), scraped as
 * {@code GET /metrics} writes them.
 */
class WorkerMetricsTest {

    private final String connector = "clay-" + UUID.randomUUID().toString().substring(0, 8);
    private Metrics kafka;
    private WorkerMetrics metrics;

    @BeforeEach
    void publish() {
        kafka = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect"));
        metrics = new WorkerMetrics();
    }

    @AfterEach
    void close() {
        metrics.close();
        kafka.close();
    }

    @Test
    void aSinksCounterIsACounterNamedWithItsTotalAndLabelledWithConnectorAndTask() throws IOException {
        Sensor sent = kafka.sensor("rows-sent");
        sent.add(kafka.metricName("rows-sent-total", "plugins", "Rows Clay accepted", task()), new CumulativeSum());
        sent.add(kafka.metricName("rows-sent-rate", "plugins", "Rows Clay accepted, per second", task()), new Rate());
        sent.record(20);

        String scrape = scrape();

        assertThat(scrape).contains("# TYPE clayflow_connect_rows_sent_total counter",
                "clayflow_connect_rows_sent_total{connector=\"" + connector + "\",task=\"0\"} 20.0",
                "# TYPE clayflow_connect_rows_sent_rate gauge",
                "clayflow_connect_rows_sent_rate{connector=\"" + connector + "\",task=\"0\"} ");
    }

    @Test
    void aSinksGaugeWithAWebhookTagKeepsTheTaskAndAddsTheWebhookLabel() throws IOException {
        Map<String, String> tags = task();
        tags.put("webhook", "2");
        kafka.addMetric(kafka.metricName("webhook-submissions-used", "plugins", "Lifetime submissions", tags),
                (Gauge<Long>) (config, now) -> 7L);

        assertThat(scrape()).contains("clayflow_connect_webhook_submissions_used{connector=\"" + connector
                + "\",task=\"0\",webhook=\"2\"} 7.0");
    }

    @Test
    void theWorkersOwnMetricsAreKafkaConnectGroupMetric() throws IOException {
        kafka.addMetric(kafka.metricName("connector-running-task-count", "connect-worker-metrics", "Running tasks",
                Map.of("connector", connector)), (Gauge<Long>) (config, now) -> 1L);
        // "-total" in the middle of a name is not a counter's suffix.
        kafka.addMetric(kafka.metricName("connector-total-task-count", "connect-worker-metrics", "Tasks",
                Map.of("connector", connector)), (Gauge<Long>) (config, now) -> 2L);
        Sensor read = kafka.sensor("sink-record-read");
        read.add(kafka.metricName("sink-record-read-total", "sink-task-metrics", "Records read", task()),
                new CumulativeSum());
        read.record(5);

        assertThat(scrape()).contains(
                "kafka_connect_connect_worker_metrics_connector_running_task_count{connector=\"" + connector + "\"} 1.0",
                "kafka_connect_connect_worker_metrics_connector_total_task_count{connector=\"" + connector + "\"} 2.0",
                "kafka_connect_sink_task_metrics_sink_record_read_total{connector=\"" + connector
                        + "\",task=\"0\"} 5.0");
    }

    @Test
    void theJvmsMetricsComeInTheSameScrape() throws IOException {
        assertThat(scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ");
    }

    private Map<String, String> task() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", "0");
        return tags;
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
