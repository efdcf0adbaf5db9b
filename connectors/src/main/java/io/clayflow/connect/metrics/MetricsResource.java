package io.clayflow.connect.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Objects;

/** {@code GET /metrics} on the worker's REST listener: its metrics in Prometheus' text exposition format. */
@Path("/metrics")
public class MetricsResource {

    /** Prometheus' text exposition format, version 0.0.4: what every Prometheus server accepts. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The REST application's property that carries the worker's {@link WorkerMetrics}. */
    static final String METRICS_PROPERTY = WorkerMetrics.class.getName();

    private final WorkerMetrics metrics;

    /** Jersey builds one per request; the metrics come from the application's configuration. */
    public MetricsResource(@Context Configuration configuration) {
        this.metrics = (WorkerMetrics) Objects.requireNonNull(configuration.getProperty(METRICS_PROPERTY),
                METRICS_PROPERTY);
    }

    @GET
    @Produces(CONTENT_TYPE)
    public StreamingOutput scrape() {
        // Streamed: a worker with many tasks has many series, and nothing needs them as one string.
        return metrics::scrape;
    }
}
