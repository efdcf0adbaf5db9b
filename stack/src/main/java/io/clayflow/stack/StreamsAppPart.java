package io.clayflow.stack;

import io.clayflow.streams.StreamsApp;
import io.clayflow.streams.StreamsAppConfig;
import io.clayflow.streams.StreamsAppRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A clayflow Kafka Streams app in this JVM, its state under {@code <data>/streams}: run by the same
 * {@link StreamsAppRunner} as its own {@code main} (management port bound before Streams starts, the same close
 * order), ready when Streams is {@code RUNNING}, closed leaving its group so the next start gets its tasks at once.
 */
public abstract class StreamsAppPart implements StackPart {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private StreamsAppRunner runner;

    protected StreamsAppPart(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The app's settings over its shipped defaults: {@code override.<name>.*}, then the stack's broker, registry,
     * state directory, and its host with the port under {@code managementPortKey} for the management port.
     */
    protected static Map<String, String> settings(StackConfig config, String name, String managementPortKey) {
        Map<String, String> props = new LinkedHashMap<>(config.overrides(name));
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, config.bootstrapServers());
        props.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, config.registryUrl());
        props.put(StreamsAppConfig.STREAMS_PREFIX + "state.dir", config.dataDir().resolve("streams").toString());
        // The stack's host, not the apps' 0.0.0.0: every part of the stack listens on that address only.
        props.put(StreamsAppConfig.MANAGEMENT_HOST, config.host());
        props.put(StreamsAppConfig.MANAGEMENT_PORT, Integer.toString(config.port(managementPortKey)));
        return props;
    }

    /** The app's validated configuration. */
    public abstract StreamsAppConfig configuration();

    /** A new instance of the app, for one start. */
    protected abstract StreamsApp app();

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        runner = new StreamsAppRunner(app(), CLOSE_TIMEOUT);
        runner.start();
    }

    @Override
    public boolean isReady() {
        return runner != null && runner.isReady();
    }

    @Override
    public String notReadyReason() {
        return runner == null ? "" : "Kafka Streams is " + runner.state();
    }

    @Override
    public List<Endpoint> endpoints() {
        StreamsAppConfig config = configuration();
        Endpoint application = new Endpoint("Streams application", config.applicationId());
        if (config.managementPort() < 0) {
            return List.of(application);
        }
        String management = "http://" + config.managementHost() + ":" + config.managementPort();
        return List.of(application, new Endpoint("Prometheus metrics", management + "/metrics"),
                new Endpoint("health", management + "/health/live, /health/ready"));
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    @Override
    public boolean isStopped() {
        return runner == null;
    }
}
