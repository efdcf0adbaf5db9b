package io.clayflow.routing;

import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.streams.StreamsMetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routing topology: loads {@link RoutingConfig} (an optional properties file as the only argument) and the
 * rules it names, starts Kafka Streams with {@code exactly_once_v2}, and closes it on shutdown.
 */
public final class RoutingApp {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private RoutingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        RoutingConfig config;
        RouteRules rules;
        try {
            config = RoutingConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
            rules = config.routeRules();
        } catch (ConfigException e) {
            LOG.error("Invalid routing configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting routing with:\n{}", config.describe());
        LOG.info("Routing rules from {}:\n{}", rules.source(), rules.describe());
        Set<Route> idle = EnumSet.complementOf(EnumSet.copyOf(rules.routesWithRules()));
        if (!idle.isEmpty()) {
            LOG.warn("No rule names {}: nothing will be written to {}", idle,
                    idle.stream().map(Route::topic).toList());
        }

        GenericAvroSerde leadSerde = new GenericAvroSerde();
        leadSerde.configure(config.serdeConfigs(), false);
        Topology topology = RoutingTopology.build(rules, leadSerde);
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        // A failure that reaches here is not a bad record (those are dead-lettered) but the registry or the cluster
        // being unavailable: replace the thread, which resumes from the last committed transaction.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Routing stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        Optional<StreamsMetricsEndpoint> metrics = StreamsMetricsEndpoint.startConfigured(streams, "routing", config);
        metrics.ifPresent(endpoint -> LOG.info("Serving metrics for Prometheus at http://{}:{}/metrics",
                config.metricsHost(), endpoint.port()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping routing");
            // Leave the group on the way out: a restarted instance then gets its tasks at once instead of waiting
            // session.timeout.ms for this member to be declared dead.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            leadSerde.close();
            metrics.ifPresent(StreamsMetricsEndpoint::close);
            stopped.countDown();
        }, "routing-shutdown"));
        streams.start();
        stopped.await();
    }
}
