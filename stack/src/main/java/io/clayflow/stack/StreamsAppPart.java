package io.clayflow.stack;

import io.clayflow.streams.ConfigLoader;
import io.clayflow.streams.StreamsApp;
import io.clayflow.streams.StreamsAppConfig;
import io.clayflow.streams.StreamsAppRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A clayflow Kafka Streams app in this JVM, its state under {@code <data>/streams}: run by the same
 * {@link StreamsAppRunner} as its own {@code main} (management port bound before Streams starts, the same close
 * order), ready when Streams is {@code RUNNING}, closed leaving its group so the next start gets its tasks at once.
 * A subclass names the app: its settings and how to make one.
 *
 * @param <C> the app's configuration class
 */
public abstract class StreamsAppPart<C extends StreamsAppConfig> implements StackPart {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final C configuration;
    private final Function<? super C, StreamsApp> appFactory;
    private StreamsAppRunner runner;

    /**
     * Resolves the app's configuration at once, so a bad setting fails the stack's creation.
     *
     * @param name the app's name, also the {@code override.<name>.*} prefix of its settings
     * @param loader the app's settings and their shipped defaults
     * @param managementPortKey the stack's key of the app's management port
     * @param appFactory a new instance of the app, for one start
     */
    protected StreamsAppPart(StackConfig stack, String name, ConfigLoader<C> loader, String managementPortKey,
            Function<? super C, StreamsApp> appFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.configuration = loader.resolve(settings(stack, name, managementPortKey));
        this.appFactory = Objects.requireNonNull(appFactory, "appFactory");
    }

    /**
     * The app's settings over its shipped defaults: {@code override.<name>.*}, then the stack's broker, registry,
     * state directory, and its host with the port under {@code managementPortKey} for the management port.
     */
    private static Map<String, String> settings(StackConfig config, String name, String managementPortKey) {
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
    public final C configuration() {
        return configuration;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        runner = new StreamsAppRunner(appFactory.apply(configuration), CLOSE_TIMEOUT);
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
        Endpoint application = new Endpoint("Streams application", configuration.applicationId());
        if (configuration.managementPort() < 0) {
            return List.of(application);
        }
        String management = "http://" + configuration.managementHost() + ":" + configuration.managementPort();
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
