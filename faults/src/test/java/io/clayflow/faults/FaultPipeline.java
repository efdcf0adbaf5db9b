package io.clayflow.faults;

import io.clayflow.fakes.clay.CallbackConfig;
import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.WebhookConfig;
import io.clayflow.gateway.GatewayApp;
import io.clayflow.intake.IntakeApp;
import io.clayflow.routing.RoutingApp;
import io.clayflow.schemas.Topics;
import io.clayflow.testsupport.ChildJvm;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.awaitility.Awaitility;

/**
 * The whole pipeline for a fault test: the test's broker and registry, the Clay simulator in the test JVM (so the test
 * counts what Clay received), and intake, routing, a Connect worker (Clay sink and PostgreSQL warehouse sink) and the
 * callback gateway each in a JVM of its own, so any of them can be SIGKILLed and started again with the same
 * configuration and state directory.
 */
final class FaultPipeline implements AutoCloseable {

    /** The parts that run as processes of their own. */
    enum Part { INTAKE, ROUTING, CONNECT, GATEWAY }

    static final String WEBHOOK = "main";
    static final String CLAY_SINK = "clay-webhook-sink";
    static final String WAREHOUSE_SINK = "warehouse-sink";
    static final String WAREHOUSE_TABLE = "enriched_leads";
    /** The Clay sink's batch.max.rows (its default): the most rows a crash may send to Clay twice. */
    static final int BATCH_MAX_ROWS = 10;
    static final String CALLBACK_TOKEN = "fault-callback-token";
    static final String LEADS_TOKEN = "fault-leads-token";
    static final String WEBHOOK_TOKEN = "fault-webhook-token";
    static final List<String> PIPELINE_TOPICS = List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX,
            Topics.LEADS_ENRICHED, Topics.LEADS_ROUTE_CRM, Topics.LEADS_ROUTE_OUTREACH, Topics.LEADS_ROUTE_NURTURE,
            Topics.LEADS_ROUTE_WAREHOUSE);

    /**
     * How fast the pipeline may go: Clay's real pace (10 rows/s) would make a 50,000-lead run last 80 minutes, so the
     * tests raise the intake throttle, the Clay sink's rate limit and the simulator's workspace limit together.
     *
     * @param rowsPerSecond        intake throttle, Clay sink rate limit and simulator workspace rate
     * @param callbackAttempts     the simulator's HTTP API column attempts per row (backoff 500 ms, doubling)
     * @param circuitOpenWait      the Clay sink's circuit breaker open state
     * @param overrides            extra settings per part: {@code intake.*}, {@code routing.*}, {@code gateway.*},
     *                             {@code worker.*}, {@code clay.*} (the Clay sink), {@code warehouse.*}
     */
    record Pace(int rowsPerSecond, int callbackAttempts, Duration circuitOpenWait, Map<String, String> overrides) {

        static Pace fast() {
            return new Pace(1_000, 10, Duration.ofSeconds(5), Map.of());
        }

        Pace with(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(overrides);
            more.put(key, value);
            return new Pace(rowsPerSecond, callbackAttempts, circuitOpenWait, Map.copyOf(more));
        }

        Map<String, String> overridesFor(String part) {
            Map<String, String> picked = new LinkedHashMap<>();
            overrides.forEach((key, value) -> {
                if (key.startsWith(part + ".")) {
                    picked.put(key.substring(part.length() + 1), value);
                }
            });
            return picked;
        }
    }

    private final KafkaBroker kafka;
    private final String registryUrl;
    private final Postgres postgres;
    private final Path dir;
    private final Pace pace;
    private final int gatewayPort = freePort();
    private final int gatewayManagementPort = freePort();
    private final int connectPort = freePort();
    private final Path logConfig;
    private final Map<Part, ChildJvm> running = new EnumMap<>(Part.class);
    private final Map<Part, Integer> starts = new EnumMap<>(Part.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConnectRest connect;
    private ClaySimulator clay;

    private FaultPipeline(KafkaBroker kafka, String registryUrl, Postgres postgres, Path dir, Pace pace)
            throws IOException {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        this.pace = Objects.requireNonNull(pace, "pace");
        this.logConfig = writeLogConfig(this.dir);
        this.connect = new ConnectRest(URI.create("http://127.0.0.1:" + connectPort));
    }

    /**
     * Creates the topics and starts every part (Clay simulator, gateway, intake, routing, Connect with both sinks
     * configured and running). {@code registryUrl} may be a proxy the test can cut.
     */
    static FaultPipeline start(KafkaBroker kafka, String registryUrl, Postgres postgres, Path dir, Pace pace)
            throws Exception {
        FaultPipeline pipeline = new FaultPipeline(kafka, registryUrl, postgres, dir, pace);
        try {
            pipeline.createTopics();
            pipeline.startClay();
            pipeline.start(Part.GATEWAY);
            pipeline.start(Part.INTAKE);
            pipeline.start(Part.ROUTING);
            pipeline.start(Part.CONNECT);
            pipeline.configureConnectors();
            pipeline.awaitReady(Part.GATEWAY);
            return pipeline;
        } catch (Exception | AssertionError e) {
            pipeline.close();
            throw e;
        }
    }

    private void createTopics() {
        PIPELINE_TOPICS.forEach(topic -> kafka.createTopic(topic, 3));
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        kafka.createTopic(Topics.CLAY_SINK_STATE, 1, Map.of("cleanup.policy", "compact"));
    }

    private void startClay() {
        // The workspace's burst is one second of rows: the Clay sink's rate limiter hands out a second's permits at
        // once, which real Clay's burst (20 for 10/s) also allows.
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0)
                .rateLimit(pace.rowsPerSecond(), Math.max(20, pace.rowsPerSecond()))
                .webhook(WebhookConfig.of(WEBHOOK).withToken(WEBHOOK_TOKEN).withSubmissionCap(10_000_000)
                        .withRowCap(10_000_000))
                .callback(CallbackConfig.to(gatewayUrl("/v1/clay/callback"), CALLBACK_TOKEN)
                        .withRetries(pace.callbackAttempts(), Duration.ofMillis(500)))
                .build());
    }

    /** Starts the part's process (again, after a kill: same configuration, same state directory). */
    ChildJvm start(Part part) throws IOException {
        if (running.containsKey(part) && running.get(part).isAlive()) {
            throw new IllegalStateException(part + " is already running");
        }
        int n = starts.merge(part, 1, Integer::sum);
        String name = part.name().toLowerCase() + "-" + n;
        ChildJvm jvm = switch (part) {
            case INTAKE -> ChildJvm.start(name, IntakeApp.class.getName(),
                    List.of(write("intake.properties", intakeSettings()).toString()), dir, jvmOptions("256m"));
            case ROUTING -> ChildJvm.start(name, RoutingApp.class.getName(),
                    List.of(write("routing.properties", routingSettings()).toString()), dir, jvmOptions("192m"));
            case GATEWAY -> ChildJvm.start(name, GatewayApp.class.getName(),
                    List.of(write("gateway.properties", gatewaySettings()).toString()), dir, jvmOptions("192m"));
            case CONNECT -> ChildJvm.start(name, ConnectDistributed.class.getName(),
                    List.of(write("worker.properties", workerSettings()).toString()), dir, jvmOptions("384m"));
        };
        running.put(part, jvm);
        return jvm;
    }

    /** A small heap, the serial GC and C1 only: four parts and a broker share a 2-core machine. */
    private List<String> jvmOptions(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + logConfig);
    }

    /** SIGKILLs the part's process; returns its exit code (137). */
    int kill(Part part) throws InterruptedException {
        ChildJvm jvm = running.get(part);
        if (jvm == null) {
            throw new IllegalStateException(part + " is not running");
        }
        return jvm.kill();
    }

    /** Waits until the part answers as ready: the gateway's readiness, every connector and task RUNNING. */
    void awaitReady(Part part) {
        ChildJvm jvm = running.get(part);
        Awaitility.await(part + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .failFast(part + " exited: " + jvm.describe(), () -> !jvm.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> switch (part) {
                    case GATEWAY -> gatewayReadiness() == 200;
                    case CONNECT -> connect.running(CLAY_SINK) && connect.running(WAREHOUSE_SINK);
                    // A Streams app has no health endpoint: its output shows it works.
                    case INTAKE, ROUTING -> true;
                });
    }

    private void configureConnectors() {
        ChildJvm worker = running.get(Part.CONNECT);
        connect.putConnector(CLAY_SINK, claySinkSettings(), () -> worker.isAlive() ? null : worker.describe());
        connect.putConnector(WAREHOUSE_SINK, warehouseSinkSettings(),
                () -> worker.isAlive() ? null : worker.describe());
        awaitReady(Part.CONNECT);
    }

    ChildJvm process(Part part) {
        return running.get(part);
    }

    ClaySimulator clay() {
        return clay;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    Pace pace() {
        return pace;
    }

    String gatewayUrl(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }

    /** The gateway's readiness answer (200 ready, 503 not), or -1 if nothing answers. */
    int gatewayReadiness() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayManagementPort
                    + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Posts leads to the gateway's {@code POST /v1/leads} (a JSON array) with the leads token. */
    HttpResponse<String> postLeads(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(gatewayUrl("/v1/leads"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LEADS_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The warehouse table in the test class's PostgreSQL schema. */
    Warehouse warehouse() {
        return new Warehouse(postgres, WAREHOUSE_TABLE);
    }

    private Map<String, String> intakeSettings() {
        Map<String, String> props = streamsCommon("clayflow-intake");
        props.put("throttle.rate.per.second", Integer.toString(pace.rowsPerSecond()));
        props.put("throttle.burst", Integer.toString(Math.max(20, pace.rowsPerSecond() / 10)));
        props.put("budget.actions.per.period", "100000000");
        props.put("streams.num.standby.replicas", "0");
        props.putAll(pace.overridesFor("intake"));
        return props;
    }

    private Map<String, String> routingSettings() {
        Map<String, String> props = streamsCommon("clayflow-routing");
        props.putAll(pace.overridesFor("routing"));
        return props;
    }

    private Map<String, String> streamsCommon(String applicationId) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("application.id", applicationId);
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("schema.registry.url", registryUrl);
        props.put("streams.state.dir", dir.resolve("streams").toString());
        // A killed member is noticed after 10 s instead of 45 s, so the restarted one gets its tasks sooner.
        props.put("streams.session.timeout.ms", "10000");
        // Nothing here reads the apps' health or metrics: off, so a stack or another build on 9191/9192 cannot fail them.
        props.put("management.port", "-1");
        return props;
    }

    private Map<String, String> gatewaySettings() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("http.host", "127.0.0.1");
        props.put("http.port", Integer.toString(gatewayPort));
        props.put("management.host", "127.0.0.1");
        props.put("management.port", Integer.toString(gatewayManagementPort));
        props.put("callback.tokens", CALLBACK_TOKEN);
        props.put("leads.tokens", LEADS_TOKEN);
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("serde.schema.registry.url", registryUrl);
        props.putAll(pace.overridesFor("gateway"));
        return props;
    }

    private Map<String, String> workerSettings() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "clayflow-connect");
        props.put("config.storage.topic", "clayflow-connect-configs");
        props.put("offset.storage.topic", "clayflow-connect-offsets");
        props.put("status.storage.topic", "clayflow-connect-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // As the local stack runs it.
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("plugin.discovery", "service_load");
        props.put("rest.extension.classes", "io.clayflow.connect.metrics.PrometheusMetricsExtension");
        props.put("consumer.session.timeout.ms", "10000");
        // As every clayflow worker: sinks never read records of open or aborted transactions.
        props.put("consumer.isolation.level", "read_committed");
        props.put("listeners", "http://127.0.0.1:" + connectPort);
        props.put("plugin.path", pluginPath().toString());
        props.putAll(pace.overridesFor("worker"));
        return props;
    }

    private Map<String, String> claySinkSettings() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", "io.clayflow.connect.clay.ClayWebhookSinkConnector");
        props.put("tasks.max", "1");
        props.put("topics", Topics.LEADS_CLAY_OUTBOX);
        props.put("schema.registry.url", registryUrl);
        props.put("clay.webhook.urls", clay.webhookUrl(WEBHOOK));
        props.put("clay.webhook.token", WEBHOOK_TOKEN);
        props.put("clay.webhook.submission.limit", "10000000");
        props.put("clay.webhook.quota.bootstrap.servers", kafka.bootstrapServers());
        props.put("clay.webhook.quota.topic", Topics.CLAY_SINK_STATE);
        props.put("rate.limit.rows.per.second", Integer.toString(pace.rowsPerSecond()));
        props.put("circuit.open.wait.ms", Long.toString(pace.circuitOpenWait().toMillis()));
        sinkCommon(props);
        props.putAll(pace.overridesFor("clay"));
        return props;
    }

    private Map<String, String> warehouseSinkSettings() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", "io.clayflow.connect.warehouse.WarehouseSinkConnector");
        props.put("tasks.max", "1");
        props.put("topics", Topics.LEADS_ROUTE_WAREHOUSE);
        props.put("schema.registry.url", registryUrl);
        props.put("warehouse.jdbc.url", postgres.jdbcUrl());
        props.put("warehouse.jdbc.user", postgres.user());
        if (postgres.password() != null && !postgres.password().isEmpty()) {
            props.put("warehouse.jdbc.password", postgres.password());
        }
        props.put("warehouse.table", WAREHOUSE_TABLE);
        sinkCommon(props);
        props.putAll(pace.overridesFor("warehouse"));
        return props;
    }

    private static void sinkCommon(Map<String, String> props) {
        // Each clayflow connector also asks for committed records itself, and refuses to start without.
        props.put("consumer.override.isolation.level", "read_committed");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("errors.tolerance", "all");
        props.put("errors.deadletterqueue.topic.name", Topics.LEADS_DLQ);
        props.put("errors.deadletterqueue.topic.replication.factor", "1");
        props.put("errors.deadletterqueue.context.headers.enable", "true");
    }

    private static Path pluginPath() {
        String path = System.getProperty("clayflow.connect.plugin.path");
        if (path == null || !Files.isDirectory(Path.of(path))) {
            throw new IllegalStateException("The connector plugin is not packaged at " + path
                    + ": build with -am (mvn -pl faults -am verify -Dgroups=fault) so connectors/target/plugin exists");
        }
        return Path.of(path);
    }

    private Path write(String file, Map<String, String> settings) throws IOException {
        Properties props = new Properties();
        props.putAll(settings);
        Path path = dir.resolve(file);
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            props.store(out, "written by " + FaultPipeline.class.getSimpleName());
        }
        return path;
    }

    private static Path writeLogConfig(Path dir) throws IOException {
        Path path = dir.resolve("log4j2-child.xml");
        Files.writeString(path, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="out" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="io.clayflow" level="INFO"/>
                    <Logger name="org.apache.kafka.streams.KafkaStreams" level="INFO"/>
                    <Root level="WARN"><AppenderRef ref="out"/></Root>
                  </Loggers>
                </Configuration>
                """, StandardCharsets.UTF_8);
        return path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every process still running and stops the simulator. */
    @Override
    public void close() {
        running.values().forEach(ChildJvm::destroyIfAlive);
        if (clay != null) {
            clay.close();
        }
    }
}
