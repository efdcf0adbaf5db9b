package io.clayflow.connect.metrics;

import io.clayflow.connect.PluginVersion;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * A Connect REST extension that serves the worker's metrics (the sinks' {@code clayflow_connect_*}, the worker's
 * {@code kafka_connect_*}, the JVM's {@code jvm_*}) at {@code GET /metrics} on the worker's REST port; enable it with
 * {@code rest.extension.classes=io.clayflow.connect.metrics.PrometheusMetricsExtension}.
 */
public final class PrometheusMetricsExtension implements ConnectRestExtension {

    private WorkerMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the rules ship in the plugin, and the endpoint lives on the worker's own listener.
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        metrics = new WorkerMetrics();
        // The resource is registered as a class, not an instance: Jersey logs a registered resource instance as a
        // provider it "will ignore" (it serves it all the same), which reads as if /metrics were broken.
        context.configurable().property(MetricsResource.METRICS_PROPERTY, metrics);
        context.configurable().register(MetricsResource.class);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
