package io.clayflow.streams;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Streams app's metrics for Prometheus: every Kafka Streams metric (clayflow's own sensors, Streams' thread and
 * task metrics, its consumers' lag) bound through Micrometer's {@link KafkaStreamsMetrics}, tagged {@code app}, and
 * served at {@code GET /metrics} on a management port.
 */
public final class StreamsMetricsEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics binding;
    private final PrometheusHttpServer server;

    private StreamsMetricsEndpoint(PrometheusMeterRegistry registry, KafkaStreamsMetrics binding,
            PrometheusHttpServer server) {
        this.registry = registry;
        this.binding = binding;
        this.server = server;
    }

    /**
     * Binds the app's metrics and serves them on {@code host:port} (port 0: any free port).
     *
     * @param app the app's name, the {@code app} tag of every series (e.g. "intake")
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static StreamsMetricsEndpoint start(KafkaStreams streams, String app, String host, int port) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(app, "app");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics binding = new KafkaStreamsMetrics(streams, Tags.of("app", app));
        binding.bindTo(registry);
        try {
            return new StreamsMetricsEndpoint(registry, binding,
                    PrometheusHttpServer.start(host, port, app, registry::scrape));
        } catch (IOException e) {
            binding.close();
            registry.close();
            throw new UncheckedIOException("cannot serve " + app + " metrics on " + host + ":" + port, e);
        }
    }

    /**
     * Binds the app's metrics where its configuration says ({@code metrics.host}, {@code metrics.port}); empty when
     * the port is -1, metrics not served.
     */
    public static Optional<StreamsMetricsEndpoint> startConfigured(KafkaStreams streams, String app,
            StreamsAppConfig config) {
        if (config.metricsPort() < 0) {
            return Optional.empty();
        }
        return Optional.of(start(streams, app, config.metricsHost(), config.metricsPort()));
    }

    /** The port bound. */
    public int port() {
        return server.port();
    }

    /** The metrics now, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        server.close();
        binding.close();
        registry.close();
    }
}
