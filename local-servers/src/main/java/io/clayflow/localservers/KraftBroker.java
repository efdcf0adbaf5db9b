package io.clayflow.localservers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller) in this JVM, its log under
 * {@code <home>/logs}. The first start formats the directory with a new cluster id (Kafka's own storage tool); later
 * starts, in this JVM or another, find it formatted and resume with every topic, offset and transaction state.
 * {@link #stop()} and {@link #start()} again are a real broker outage on the same port.
 */
public final class KraftBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KraftBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final Path home;
    private final Listeners listeners;
    private final Map<String, String> settings;
    private KafkaRaftServer server;
    private Admin probe;

    /**
     * {@code settings}: broker configs over {@link BrokerDefaults#COMMON}; the addresses and directories are this
     * class's and win over them.
     */
    public KraftBroker(Path home, String host, int port, int controllerPort, Map<String, String> settings) {
        this.home = Objects.requireNonNull(home, "home");
        this.listeners = new Listeners(Objects.requireNonNull(host, "host"), port, controllerPort);
        this.settings = Map.copyOf(settings);
    }

    /** The bootstrap address clients use. */
    public String bootstrapServers() {
        return listeners.clients();
    }

    public Path logDirectory() {
        return home.resolve("logs");
    }

    /** The broker's whole configuration. */
    public Map<String, String> properties() {
        Map<String, String> props = new TreeMap<>(BrokerDefaults.COMMON);
        props.putAll(settings);
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + listeners.controller());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listeners", "PLAINTEXT://" + listeners.clients() + ",CONTROLLER://" + listeners.controller());
        props.put("advertised.listeners", "PLAINTEXT://" + listeners.clients());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDirectory().toString());
        return props;
    }

    /**
     * Formats the log directory if it is new, then starts the broker; returns once it runs, possibly before it
     * answers clients ({@link #isReady()}, {@link #awaitReady(Duration)}).
     */
    public void start() {
        if (server != null) {
            throw new IllegalStateException("The broker at " + bootstrapServers() + " is running");
        }
        Properties props = new Properties();
        props.putAll(properties());
        Path configFile = home.resolve("server.properties");
        try {
            Files.createDirectories(home);
            try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                props.store(out, "Written by clayflow at each start of this broker, for reference; edits are overwritten");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile, e);
        }
        if (!Files.exists(logDirectory().resolve("meta.properties"))) {
            format(configFile);
        }
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = starting;
        try {
            starting.startup();
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("The Kafka broker at " + bootstrapServers() + " did not start: " + e, e);
        }
        probe = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "clayflow-kafka-probe-" + listeners.port()));
    }

    private void format(Path configFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId, "--config",
                    configFile.toString(), "--ignore-formatted"}, out);
        }
        if (exit != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory " + logDirectory() + " failed (exit "
                    + exit + "): " + output.toString(StandardCharsets.UTF_8).trim());
        }
        LOG.info("Formatted {} for a new Kafka cluster {}", logDirectory(), clusterId);
    }

    /** Whether the broker answers clients now (its node is listed); never throws. */
    public boolean isReady() {
        if (probe == null) {
            return false;
        }
        try {
            return !probe.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes().get(PROBE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits until the broker answers clients. */
    public void awaitReady(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!isReady()) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("The Kafka broker at " + bootstrapServers() + " did not answer within "
                        + atMost.toSeconds() + " s");
            }
            try {
                Thread.sleep(READY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the broker is stopped (or never started). */
    public boolean isStopped() {
        return server == null;
    }

    /** Stops the broker; its log directory stays. Safe to call twice. */
    public void stop() {
        if (probe != null) {
            probe.close(Duration.ofSeconds(2));
            probe = null;
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The cluster id the log directory was formatted with, from its {@code meta.properties}. */
    public String clusterId() {
        Path meta = logDirectory().resolve("meta.properties");
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        return props.getProperty("cluster.id");
    }

    @Override
    public String toString() {
        return "KRaft broker at " + bootstrapServers();
    }

    /** Where the node listens: clients on {@code host:port}, the KRaft controller on {@code host:controllerPort}. */
    private record Listeners(String host, int port, int controllerPort) {

        String clients() {
            return host + ":" + port;
        }

        String controller() {
            return host + ":" + controllerPort;
        }
    }
}
