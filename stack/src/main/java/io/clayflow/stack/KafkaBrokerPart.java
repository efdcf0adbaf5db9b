package io.clayflow.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * {@code <data>/kafka/logs}. The first start formats the directory with a new cluster id (Kafka's own storage
 * tool); later starts find it formatted and resume with every topic, offset and transaction state.
 */
public final class KafkaBrokerPart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerPart.class);
    private static final int NODE_ID = 1;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final StackConfig config;
    private final Path home;
    private KafkaRaftServer server;
    private Admin probe;
    private boolean stopped = true;

    public KafkaBrokerPart(StackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.home = config.dataDir().resolve("kafka");
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** The bootstrap address clients use. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /**
     * The broker's configuration: one node, replication factors and ISR 1 (so transactions, {@code exactly_once_v2}
     * and consumer groups get their internal topics), a small log-cleaner buffer (the default 128 MiB is heap a
     * laptop's broker never needs), no topic auto-creation (the stack creates its topics with their settings).
     * {@code override.broker.*} settings apply, but never to the addresses and directories, which the stack owns.
     */
    Map<String, String> brokerProperties() {
        Map<String, String> props = new TreeMap<>();
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        props.put("num.partitions", "3");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.putAll(config.overrides("broker"));
        String host = config.host();
        int port = config.port(StackConfig.KAFKA_PORT);
        int controllerPort = config.port(StackConfig.KAFKA_CONTROLLER_PORT);
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", home.resolve("logs").toString());
        return props;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(home);
        Properties props = new Properties();
        props.putAll(brokerProperties());
        Path configFile = home.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(out, "Written by the clayflow local stack at each start, for reference; edits are overwritten");
        }
        if (!Files.exists(home.resolve("logs").resolve("meta.properties"))) {
            format(configFile);
        }
        stopped = false;
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        probe = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "clayflow-stack-kafka-probe"));
    }

    private void format(Path configFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId, "--config",
                    configFile.toString(), "--ignore-formatted"}, out);
        }
        String said = output.toString(StandardCharsets.UTF_8).trim();
        if (exit != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory " + home.resolve("logs")
                    + " failed (exit " + exit + "): " + said);
        }
        LOG.info("Formatted {} for a new Kafka cluster {}", home.resolve("logs"), clusterId);
    }

    @Override
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

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("bootstrap servers", bootstrapServers()),
                new Endpoint("log directory", home.resolve("logs").toString()));
    }

    @Override
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
        stopped = true;
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    /** The cluster id this data directory was formatted with, from its {@code meta.properties}. */
    public String clusterId() {
        Path meta = home.resolve("logs").resolve("meta.properties");
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        return props.getProperty("cluster.id");
    }
}
