package io.clayflow.streams;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Streams app's management port: {@code GET /metrics} serves every Kafka Streams metric (clayflow's own sensors,
 * Streams' thread and task metrics, its consumers' lag) bound through Micrometer's {@link KafkaStreamsMetrics} and
 * tagged {@code app}; {@code GET /health/live} and {@code GET /health/ready} answer from the client's state by
 * {@link StreamsHealth}.
 */
public final class StreamsManagementEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics binding;
    private final ManagementServer server;

    private StreamsManagementEndpoint(PrometheusMeterRegistry registry, KafkaStreamsMetrics binding,
            ManagementServer server) {
        this.registry = registry;
        this.binding = binding;
        this.server = server;
    }

    /**
     * Binds the app's metrics and health and serves them on {@code host:port} (port 0: any free port).
     *
     * @param app the app's name, the {@code app} tag of every series (e.g. "intake")
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static StreamsManagementEndpoint start(KafkaStreams streams, String app, String host, int port) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(app, "app");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics binding = new KafkaStreamsMetrics(streams, Tags.of("app", app));
        binding.bindTo(registry);
        try {
            return new StreamsManagementEndpoint(registry, binding, ManagementServer.start(host, port, app, Map.of(
                    "/metrics", () -> ManagementServer.Response.ok(ManagementServer.PROMETHEUS_TEXT,
                            registry.scrape()),
                    "/health/live", () -> StreamsHealth.answer(streams.state(), StreamsHealth::isLive),
                    "/health/ready", () -> StreamsHealth.answer(streams.state(), StreamsHealth::isReady))));
        } catch (IOException e) {
            binding.close();
            registry.close();
            throw new UncheckedIOException("cannot serve " + app + " metrics and health on " + host + ":" + port, e);
        }
    }

    /** The port bound. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        binding.close();
        registry.close();
    }
}
