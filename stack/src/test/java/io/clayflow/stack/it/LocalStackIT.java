package io.clayflow.stack.it;

import static io.clayflow.testsupport.PrometheusScrape.fetch;
import static io.clayflow.testsupport.PrometheusScrape.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.schemas.ClaySinkState;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.stack.ClaySimulatorPart;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.fakes.outreach.OutreachSimulator;
import io.clayflow.stack.ConnectPart;
import io.clayflow.stack.ConnectorSpec;
import io.clayflow.stack.HubSpotPart;
import io.clayflow.stack.IntakePart;
import io.clayflow.stack.StatusPart;
import io.clayflow.stack.OutreachPart;
import io.clayflow.stack.LocalStack;
import io.clayflow.stack.SchemaRegistryPart;
import io.clayflow.stack.StackConfig;
import io.clayflow.stack.StackConnector;
import io.clayflow.stack.StackConnectors;
import io.clayflow.stack.StackPart;
import io.clayflow.stack.StackSecrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local stack, end to end, as `clayflow up` runs it: started on free ports in a temporary data directory,
 * demo leads through every stage (and counted on the Streams apps' Prometheus ports), a clean stop that leaves no
 * process behind, and a restart on the same directory that loses nothing and sends nothing to Clay twice. The tests
 * run in order and share the stack's directory.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final int PEOPLE = 410;
    private static final int INVALID = 10;
    private static final int DUPLICATES = 100;
    private static final int UNIQUE_VALID = PEOPLE - INVALID;
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static StackConfig config;
    private static LocalStack stack;
    private static TestLeads.Batch demo;
    private static long quotaAfterFirstRun;

    @BeforeAll
    static void configure() {
        List<Integer> ports = FreePorts.take(StackConfig.PORT_KEYS.size());
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            props.put(StackConfig.PORT_KEYS.get(i), Integer.toString(ports.get(i)));
        }
        props.put(StackConfig.DATA_DIR, dataDir.toString());
        // Clay's real pace is 10 rows/s; ten times that keeps this test short and changes nothing it checks.
        props.put("override.intake.throttle.rate.per.second", "100");
        props.put("override.intake.throttle.burst", "100");
        props.put("override.simulator.workspace.rate.per.second", "100");
        props.put("override.simulator.workspace.burst", "100");
        props.put("override.sink.clay.rate.limit.rows.per.second", "100");
        props.put("override.simulator.enrichment.delay.ms", "20");
        // The demo's duplicates and the restart's replay are checked as dropped (intake's drop policy), as this test
        // counts them; the default (cached) policy on the same stack is EnrichmentCacheIT's.
        props.put("override.intake.cache.policy", "drop");
        config = StackConfig.load(null, Map.of(), props);
    }

    @AfterAll
    static void stopIfRunning() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void startsEveryPartOnTheConfiguredPortsWithSecretsOnlyItsOwnerCanRead() throws IOException {
        stack = LocalStack.create(config);
        stack.start();
        System.out.printf("Local stack ready in %.1f s (first start, empty data directory)%n",
                stack.startupTime().toMillis() / 1000.0);

        assertThat(stack.readiness()).containsOnlyKeys("kafka", "schema-registry", "topics", "callback-gateway",
                "status", "clay-simulator", "hubspot-fake", "outreach-fake", "intake", "routing", "ledger", "connect")
                .allSatisfy((part, ready) -> assertThat(ready).as(part).isTrue());
        Path secrets = dataDir.resolve(StackSecrets.FILE_NAME);
        assertThat(stack.secretsFile()).isEqualTo(secrets);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        String printedEndpoints = stack.endpoints().toString();
        Files.readAllLines(secrets).stream().filter(line -> line.contains("="))
                .map(line -> line.substring(line.indexOf('=') + 1))
                .forEach(token -> assertThat(printedEndpoints).doesNotContain(token));
        assertThat(printedEndpoints).contains(config.bootstrapServers(), config.registryUrl(), config.url(StackConfig.GATEWAY_PORT));
    }

    @Test
    @Order(2)
    void servesTheStreamsAppsPrometheusMetricsOnTheirPorts() {
        for (String app : List.of("intake", "routing")) {
            URI url = metricsUrl(app);
            assertThat(stack.endpoints().get(app)).extracting(endpoint -> endpoint.what() + " " + endpoint.address())
                    .contains("Prometheus metrics " + url);
            // A Streams metric tagged with the app: its own series, not just a server answering on the port.
            Pattern series = Pattern.compile("(?m)^kafka_stream_\\w+\\{[^}]*app=\"" + app + "\"");
            await(app + " metrics").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(fetch(url)).containsPattern(series));
        }
    }

    @Test
    @Order(3)
    void demoLeadsMoveThroughEveryStageOncePerUniqueValidPerson() throws Exception {
        demo = TestLeads.generate("first", PEOPLE, INVALID, DUPLICATES, 7);
        produce(demo.leads());
        TopicContents topics = new TopicContents(config.bootstrapServers());
        ClaySimulator clay = stack.part(ClaySimulatorPart.class).running();

        await("enriched leads").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> topics.read(Topics.LEADS_ENRICHED).size() >= UNIQUE_VALID);

        List<ConsumerRecord<byte[], byte[]>> outbox = topics.read(Topics.LEADS_CLAY_OUTBOX);
        Set<String> outboxEmails = decode(outbox, Lead.class).stream().map(Lead::getEmail).collect(Collectors.toSet());
        assertThat(outbox).as("outbox: one record per unique valid person").hasSize(UNIQUE_VALID);
        assertThat(outboxEmails).isEqualTo(demo.uniqueValidEmails());

        Set<String> outboxIds = new HashSet<>(topics.keys(Topics.LEADS_CLAY_OUTBOX));
        // Rows Clay took (a row refused with 429 and sent again later is received twice but taken once).
        assertThat(clay.stats().rowsAdded()).as("rows Clay took: each once").isEqualTo(UNIQUE_VALID);
        assertThat(clay.stats().refused(Refusal.DUPLICATE)).as("rows Clay was sent twice").isZero();
        assertThat(new HashSet<>(clay.rowLeadIds("default"))).isEqualTo(outboxIds);

        List<EnrichedLead> enriched = decode(topics.read(Topics.LEADS_ENRICHED), EnrichedLead.class);
        assertThat(enriched).hasSize(UNIQUE_VALID);
        assertThat(enriched).extracting(EnrichedLead::getLeadId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(outboxIds);
        assertThat(enriched).allSatisfy(lead -> assertThat(lead.getIcpScore()).isBetween(0, 100));

        // Routing with the shipped rules: every lead to the warehouse; hot ones (ICP >= 80 with a work email) to the
        // CRM and outreach, else ICP >= 50 to nurture.
        await("routed leads").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> topics.read(Topics.LEADS_ROUTE_WAREHOUSE).size() >= UNIQUE_VALID);
        assertThat(new HashSet<>(topics.keys(Topics.LEADS_ROUTE_WAREHOUSE))).isEqualTo(outboxIds);
        Set<String> hot = enriched.stream().filter(lead -> lead.getIcpScore() != null && lead.getIcpScore() >= 80
                && lead.getWorkEmail() != null && !lead.getWorkEmail().isEmpty())
                .map(EnrichedLead::getLeadId).collect(Collectors.toSet());
        Set<String> warm = enriched.stream().filter(lead -> lead.getIcpScore() != null && lead.getIcpScore() >= 50
                && !hot.contains(lead.getLeadId())).map(EnrichedLead::getLeadId).collect(Collectors.toSet());
        assertThat(hot).as("hot leads in this sample").isNotEmpty();
        assertThat(warm).as("warm leads in this sample").isNotEmpty();
        assertThat(topics.keys(Topics.LEADS_ROUTE_CRM)).containsExactlyInAnyOrderElementsOf(hot);
        assertThat(topics.keys(Topics.LEADS_ROUTE_OUTREACH)).containsExactlyInAnyOrderElementsOf(hot);
        assertThat(topics.keys(Topics.LEADS_ROUTE_NURTURE)).containsExactlyInAnyOrderElementsOf(warm);

        // The CRM route upserted into the HubSpot fake: one contact per hot lead.
        HubSpotSimulator hubspot = stack.part(HubSpotPart.class).running();
        await("HubSpot contacts").atMost(FLOW_TIMEOUT).until(() -> hubspot.contacts().size() >= hot.size());
        assertThat(hubspot.contacts()).hasSize(hot.size());
        // The CRM source saw each contact the sink created (search and webhook) and skipped it as our own write.
        await("the sink's writes skipped by the CRM source").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(LocalStackIT::ownWritesSkipped, skipped -> skipped >= hot.size());
        assertThat(crmEventLeads(topics)).as("no write-back came back as a lead").isEmpty();

        // The outreach route enrolled each hot lead, once, in the Outreach fake's sequence.
        OutreachSimulator outreach = stack.part(OutreachPart.class).running();
        await("Outreach sequence states").atMost(FLOW_TIMEOUT)
                .until(() -> outreach.sequenceStates(OutreachPart.SEQUENCE_ID).size() >= hot.size());
        assertThat(outreach.sequenceStates(OutreachPart.SEQUENCE_ID)).hasSize(hot.size());
        assertThat(outreach.prospects()).hasSize(hot.size());

        // The warehouse route upserted into the DuckDB file: one row per unique valid person.
        await("warehouse rows").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> warehouseLeadIds().size() >= UNIQUE_VALID);
        assertThat(warehouseLeadIds()).hasSize(UNIQUE_VALID).containsExactlyInAnyOrderElementsOf(outboxIds);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = topics.read(Topics.LEADS_DLQ);
        assertThat(deadLetters).as("invalid leads, dead-lettered with their reason").hasSize(INVALID)
                .allSatisfy(record -> assertThat(header(record, "clayflow.errors.reason")).isEqualTo("email.syntax"));

        quotaAfterFirstRun = webhookQuotaUsed(topics);
        assertThat(quotaAfterFirstRun).as("webhook submissions counted durably").isEqualTo(UNIQUE_VALID);

        // The worker serves GET /metrics through the REST extension it loaded from plugin.path with the connectors.
        String claySent = "clayflow_connect_rows_sent_total{connector=\"" + StackConnector.CLAY_WEBHOOK_SINK.connectorName() + "\",task=\"0\"}";
        String metrics = await("the Clay sink's rows on the worker's /metrics").atMost(Duration.ofSeconds(30))
                .until(LocalStackIT::connectMetrics, scrape -> scrape.contains(claySent + " " + (double) UNIQUE_VALID));
        List<ConnectorSpec> connectors = stack.part(ConnectPart.class).connectors();
        assertThat(connectors).allSatisfy(connector -> assertThat(metrics).as("series of " + connector.name())
                .containsPattern("(?m)^clayflow_connect_\\w+\\{connector=\"" + Pattern.quote(connector.name()) + "\""));
        assertThat(metrics).contains("kafka_connect_connect_worker_metrics_connector_count " + (double) connectors.size(),
                "jvm_memory_used_bytes{");
        System.out.printf("Connect /metrics: %d lines; the Clay sink's:%n%s%n", metrics.lines().count(),
                metrics.lines().filter(line -> line.contains("connector=\"" + StackConnector.CLAY_WEBHOOK_SINK.connectorName() + "\""))
                        .collect(Collectors.joining(System.lineSeparator())));
        System.out.printf("First run: %d leads in (%d duplicates, %d invalid) -> outbox %d -> Clay %d -> enriched %d -> "
                + "routed: warehouse %d (DuckDB rows %d), crm %d (HubSpot contacts %d), outreach %d (enrolled %d), "
                + "nurture %d; "
                + "dead letters %d%n",
                demo.leads().size(), DUPLICATES, INVALID, outbox.size(), clay.stats().rowsAdded(), enriched.size(),
                topics.read(Topics.LEADS_ROUTE_WAREHOUSE).size(), warehouseLeadIds().size(), hot.size(), hubspot.contacts().size(),
                topics.read(Topics.LEADS_ROUTE_OUTREACH).size(),
                outreach.sequenceStates(OutreachPart.SEQUENCE_ID).size(), warm.size(), deadLetters.size());

        // The same figures on the apps' Prometheus ports, as a dashboard would read them. Micrometer's Kafka binder
        // picks up metrics created after Streams started (clayflow's sensors) on its 60 s refresh, hence the bound.
        await("intake's and routing's counters on /metrics").atMost(FLOW_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(sum(fetch(metricsUrl("intake")), "kafka_stream_clayflow_intake_released_total"))
                            .isEqualTo(UNIQUE_VALID);
                    assertThat(sum(fetch(metricsUrl("routing")),
                            "kafka_stream_clayflow_routing_routed_warehouse_total")).isEqualTo(UNIQUE_VALID);
                });
    }

    /** The status app, started by the stack, shows the funnel and the budget intake runs with. */
    @Test
    @Order(4)
    void theStatusPageShowsTheFunnelAndTheBudgetIntakeRunsWith() {
        String url = stack.part(StatusPart.class).url();
        assertThat(stack.endpoints().get("status")).extracting(endpoint -> endpoint.address())
                .contains(url + "/status");
        long budget = stack.part(IntakePart.class).configuration().budgetActionsPerPeriod();
        long actionsPerRow = stack.part(IntakePart.class).configuration().costActionsPerRow();

        await("the status page's figures").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode json = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create(url + "/status.json")).version(HttpClient.Version.HTTP_1_1).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    assertThat(json.path("funnel").path(0).path("count").asLong()).isEqualTo(demo.leads().size());
                    assertThat(json.path("funnel").path(3).path("count").asLong()).isEqualTo(UNIQUE_VALID);
                    assertThat(json.path("budget").path("credits_per_period").asLong()).isEqualTo(budget);
                    assertThat(json.path("budget").path("credits_spent").asLong())
                            .isEqualTo(UNIQUE_VALID * actionsPerRow);
                });
    }

    @Test
    @Order(5)
    void stoppingStopsEveryPartFreesEveryPortAndLeavesNoChildProcess() {
        ProcessHandle registry = stack.part(SchemaRegistryPart.class).process().orElseThrow();
        long begin = System.nanoTime();
        stack.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("Local stack stopped in %.1f s%n", took.toMillis() / 1000.0);

        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(stack.parts()).allSatisfy(part -> assertThat(part.isStopped()).as(part.name()).isTrue());
        assertThat(registry.isAlive()).as("the registry's process").isFalse();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes the stack started").isEmpty();
        for (String key : StackConfig.PORT_KEYS) {
            assertThat(canBind(config.port(key))).as(key + " free again").isTrue();
        }
        stack = null;
    }

    @Test
    @Order(6)
    void restartingOnTheSameDirectoryKeepsEverythingAndSendsNothingToClayTwice() throws Exception {
        stack = LocalStack.create(config);
        stack.start();
        System.out.printf("Local stack ready in %.1f s (restart on its data)%n", stack.startupTime().toMillis() / 1000.0);
        TopicContents topics = new TopicContents(config.bootstrapServers());
        ClaySimulator clay = stack.part(ClaySimulatorPart.class).running();

        // Registry schemas kept: every record on disk still decodes through the restarted registry.
        assertThat(decode(topics.read(Topics.LEADS_CLAY_OUTBOX), Lead.class)).hasSize(UNIQUE_VALID);
        assertThat(decode(topics.read(Topics.LEADS_ENRICHED), EnrichedLead.class)).hasSize(UNIQUE_VALID);

        // Connector offsets kept: the sink resumes at the end of the outbox, and Clay gets nothing again.
        String sinkGroup = "connect-" + StackConnector.CLAY_WEBHOOK_SINK.connectorName();
        await("the Clay sink resumed at the end of the outbox").atMost(FLOW_TIMEOUT)
                .until(() -> topics.caughtUp(sinkGroup, Topics.LEADS_CLAY_OUTBOX));

        // Dedupe state kept: the same leads again are all duplicates; only the invalid ones are dead letters again.
        produce(demo.leads());
        await("intake read the replayed leads").atMost(FLOW_TIMEOUT)
                .until(() -> topics.caughtUp("clayflow-intake", Topics.LEADS_RAW));
        assertThat(topics.read(Topics.LEADS_CLAY_OUTBOX)).as("outbox after replaying every lead").hasSize(UNIQUE_VALID);
        assertThat(topics.read(Topics.LEADS_DLQ)).hasSize(2 * INVALID);

        // New people flow; they are the only rows Clay receives after the restart.
        TestLeads.Batch fresh = TestLeads.generate("second", 20, 0, 0, 11);
        produce(fresh.leads());
        await("the new leads enriched").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> topics.read(Topics.LEADS_ENRICHED).size() >= UNIQUE_VALID + 20);
        assertThat(clay.stats().rowsAdded()).as("rows Clay took after the restart").isEqualTo(20);
        assertThat(clay.stats().refused(Refusal.DUPLICATE)).isZero();
        assertThat(clay.rows("default")).extracting(row -> row.getString("email"))
                .containsExactlyInAnyOrderElementsOf(fresh.uniqueValidEmails());
        assertThat(topics.read(Topics.LEADS_ENRICHED)).hasSize(UNIQUE_VALID + 20);
        await("the new leads routed").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> topics.read(Topics.LEADS_ROUTE_WAREHOUSE).size() >= UNIQUE_VALID + 20);
        assertThat(topics.read(Topics.LEADS_ROUTE_WAREHOUSE)).as("warehouse route: the first run's, plus the new")
                .hasSize(UNIQUE_VALID + 20);
        await("the new leads in the warehouse").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> warehouseLeadIds().size() >= UNIQUE_VALID + 20);
        assertThat(warehouseLeadIds()).as("DuckDB rows: one per unique valid person").hasSize(UNIQUE_VALID + 20);
        assertThat(webhookQuotaUsed(topics)).as("webhook quota: the first run's count kept, plus the new rows")
                .isEqualTo(quotaAfterFirstRun + 20);
        assertThat(stack.part(ConnectPart.class).isReady()).isTrue();
        assertThat(stack.parts()).extracting(StackPart::isReady).containsOnly(true);
    }

    /**
     * The CRM source against the HubSpot fake: contacts created in HubSpot (one without an email) become crm-event
     * leads with their ids; the CRM sink's own writes (every contact the CRM route created) never came back as leads.
     */
    @Test
    @Order(7)
    void contactsCreatedInHubSpotBecomeLeadsAndTheSinksOwnWritesDoNot() throws Exception {
        HubSpotSimulator hubspot = stack.part(HubSpotPart.class).running();
        TopicContents topics = new TopicContents(config.bootstrapServers());
        List<String> ids = List.of(
                hubspot.createContact(Map.of("email", "grace@navy.example.com", "firstname", "Grace",
                        "lastname", "Hopper", "company", "Navy", "website", "navy.example.com")).id(),
                hubspot.createContact(Map.of("firstname", "Ada", "lastname", "Lovelace", "company", "Engines",
                        "website", "engines.example.com")).id(),
                hubspot.createContact(Map.of("email", "alan@bletchley.example.com", "lastname", "Turing")).id());

        await("crm-event leads on leads.raw").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> crmEventLeads(topics).size() >= 3);
        assertThat(crmEventLeads(topics)).extracting(Lead::getSourceId).containsExactlyInAnyOrderElementsOf(ids);
        System.out.printf("CRM source in the stack: 3 contacts created -> %d crm-event leads%n",
                crmEventLeads(topics).size());
    }

    /** The CRM source's count of the sink's own writes it skipped, from the worker's /metrics (-1 while absent). */
    private static double ownWritesSkipped() throws IOException, InterruptedException {
        String series = "clayflow_connect_own_writes_skipped_total{connector=\"" + StackConnector.HUBSPOT_SOURCE.connectorName()
                + "\",task=\"0\"} ";
        return connectMetrics().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).findFirst().orElse(-1);
    }

    private static List<Lead> crmEventLeads(TopicContents topics) {
        return decode(topics.read(Topics.LEADS_RAW), Lead.class).stream()
                .filter(lead -> "crm-event".equals(lead.getSource())).toList();
    }

    /** The Connect worker's {@code GET /metrics} body, or "" while it does not answer 200. */
    private static String connectMetrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(config.url(StackConfig.CONNECT_PORT) + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    private static void produce(List<Lead> leads) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", config.registryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            for (Lead lead : leads) {
                producer.send(new ProducerRecord<>(Topics.LEADS_RAW, lead.getSourceId(), lead));
            }
            producer.flush();
        }
    }

    /** The lead ids in the warehouse table, read-only (the sink holds the DuckDB file for writing); a list, so
     * that a duplicate row would show. */
    private static List<String> warehouseLeadIds() throws SQLException {
        Path file = dataDir.resolve("warehouse").resolve("clayflow.duckdb");
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
             Statement statement = db.createStatement()) {
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT lead_id FROM " + StackConnectors.WAREHOUSE_TABLE)) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return List.of(); // the sink has not created its table yet
            }
            throw e;
        }
    }

    private static <T> List<T> decode(List<ConsumerRecord<byte[], byte[]>> records, Class<T> type) {
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", config.registryUrl(), "specific.avro.reader", true),
                    false);
            return records.stream().map(record -> type.cast(deserializer.deserialize(record.topic(), record.value())))
                    .toList();
        }
    }

    /**
     * The Clay sink's durable count of webhook submissions (the latest value per webhook, summed); the topic also
     * holds the sink's per-partition progress, under keys starting {@code progress/}.
     */
    private static long webhookQuotaUsed(TopicContents topics) {
        Map<String, Long> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : topics.read(Topics.CLAY_SINK_STATE)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            // Webhook counts only: the state also holds progress, table rows and pause records.
            ClaySinkState.webhookSubmissions(key, record.value() == null ? null
                    : new String(record.value(), StandardCharsets.UTF_8)).ifPresent(count -> latest.put(key, count));
        }
        return latest.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static URI metricsUrl(String app) {
        String key = app.equals("intake") ? StackConfig.INTAKE_METRICS_PORT : StackConfig.ROUTING_METRICS_PORT;
        return URI.create("http://" + config.host() + ":" + config.port(key) + "/metrics");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.host(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
