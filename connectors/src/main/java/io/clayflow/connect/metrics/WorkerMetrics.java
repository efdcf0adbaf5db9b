package io.clayflow.connect.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.management.MalformedObjectNameException;

/**
 * The Connect worker's metrics in one Prometheus registry: its JMX beans (the sinks' and the worker's own) named by
 * the JMX exporter's rules in {@value #RULES}, and the JVM's through Micrometer.
 */
final class WorkerMetrics implements AutoCloseable {

    /** The exporter rules, a resource next to this class (the one copy; docs/observability.md points at it). */
    static final String RULES = "connect-jmx-exporter.yml";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    /** The JMX exporter's collector and the JVM's binders, writing into one registry. */
    WorkerMetrics() {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        jmxCollector().register(prometheus);
        // Micrometer writes into the same registry, so its scrape carries the JMX collector's series too.
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
        gc = new JvmGcMetrics();
        List<MeterBinder> jvm = List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics());
        jvm.forEach(binder -> binder.bindTo(registry));
    }

    /** Writes every series now, in Prometheus' text format (version 0.0.4). */
    void scrape(OutputStream out) throws IOException {
        registry.scrape(out);
    }

    @Override
    public void close() {
        // The GC binder listens to the JVM's GC notifications: without this, each worker restart in a JVM adds one.
        gc.close();
        registry.close();
    }

    private static JmxCollector jmxCollector() {
        try (InputStream rules = WorkerMetrics.class.getResourceAsStream(RULES)) {
            if (rules == null) {
                throw new IllegalStateException("The JMX exporter rules " + RULES + " are missing from the plugin");
            }
            return new JmxCollector(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JMX exporter rules " + RULES, e);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("The JMX exporter rules " + RULES + " name a bad object name", e);
        }
    }
}
