package io.clayflow.stack;

import io.clayflow.streams.StreamsAppConfig;
import io.clayflow.streams.StreamsMetricsEndpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clayflow Kafka Streams app in this JVM, its state under {@code <data>/streams}: started as its own {@code main}
 * would start it (its Prometheus metrics served on its management port), ready when Streams is {@code RUNNING},
 * closed leaving its group so the next start gets its tasks at once.
 */
public abstract class StreamsAppPart implements StackPart {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private KafkaStreams streams;
    private StreamsMetricsEndpoint metrics;

    protected StreamsAppPart(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The app's settings: its shipped {@code defaults}, then {@code override.<name>.*}, then the stack's broker,
     * registry, state directory, and its host with the port under {@code metricsPortKey} for {@code /metrics}.
     */
    protected static Map<String, Object> settings(StackConfig config, String name, String metricsPortKey,
            Map<String, String> defaults) {
        Map<String, Object> props = new LinkedHashMap<>(defaults);
        props.putAll(config.overrides(name));
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, config.bootstrapServers());
        props.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, config.registryUrl());
        props.put(StreamsAppConfig.STREAMS_PREFIX + "state.dir", config.dataDir().resolve("streams").toString());
        // The stack's host, not the apps' 0.0.0.0: every part of the stack listens on that address only.
        props.put(StreamsAppConfig.METRICS_HOST, config.host());
        props.put(StreamsAppConfig.METRICS_PORT, config.port(metricsPortKey));
        return props;
    }

    /** The app's validated configuration. */
    public abstract StreamsAppConfig configuration();

    /** Builds the topology, configuring the serdes it needs (closed in {@link #closeSerdes()}). */
    protected abstract Topology topology();

    /** Anything to do once the topology is built and before Streams starts. */
    protected void beforeStart() {
    }

    /** Closes the serdes {@link #topology()} configured. */
    protected abstract void closeSerdes();

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        log.info("Starting {} with:\n{}", name, configuration().describe());
        streams = new KafkaStreams(topology(), configuration().streamsProperties());
        // As the apps' own main: what reaches here is the registry or the cluster being unavailable, not a bad record
        // (those are dead-lettered); a new thread resumes from the last committed transaction.
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("{} stream thread failed; replacing it", name, exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // Bound before Streams starts, as the app's main does: a port in use fails the start here, naming it.
        metrics = StreamsMetricsEndpoint.startConfigured(streams, name, configuration()).orElse(null);
        beforeStart();
        streams.start();
    }

    @Override
    public boolean isReady() {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public String notReadyReason() {
        return streams == null ? "" : "Kafka Streams is " + streams.state();
    }

    @Override
    public List<Endpoint> endpoints() {
        StreamsAppConfig config = configuration();
        Endpoint application = new Endpoint("Streams application", config.getString(StreamsAppConfig.APPLICATION_ID));
        if (config.metricsPort() < 0) {
            return List.of(application);
        }
        return List.of(application, new Endpoint("Prometheus metrics",
                "http://" + config.metricsHost() + ":" + config.metricsPort() + "/metrics"));
    }

    @Override
    public void stop() {
        // The endpoint first: a scrape during Streams' close would read metrics being removed.
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            streams = null;
            closeSerdes();
        }
    }

    @Override
    public boolean isStopped() {
        return streams == null && metrics == null;
    }
}
