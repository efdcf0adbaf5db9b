package io.clayflow.ledger.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.CallbackConfig;
import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Faults;
import io.clayflow.fakes.clay.LeadEnricher;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.WebhookConfig;
import io.clayflow.gateway.GatewayServer;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.ledger.ClayLedgerApp;
import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ChildJvm;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Clay round trip on real parts: leads on the outbox, the Clay sink in a real Connect worker posting to the Clay
 * simulator, which drops 3% of its callbacks and calls the real gateway back for the rest; the ledger runs as a
 * process of its own, SIGKILLed while it is dead-lettering overdue rows and started again.
 */
@ClayflowIntegrationTest
class ClayLedgerIT {

    private static final int LEADS = 1_000;
    private static final int ROWS_PER_SECOND = 150;
    private static final Duration TIMEOUT = Duration.ofSeconds(12);
    private static final String CALLBACK_TOKEN = "ledger-it-callback-token";

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final HttpClient http = HttpClient.newHttpClient();
    private final int gatewayPort = InProcessConnectWorker.freePort();
    private final int ledgerManagementPort = InProcessConnectWorker.freePort();
    private ClaySimulator clay;
    private Vertx vertx;
    private InProcessConnectWorker worker;
    private ChildJvm ledger;

    ClayLedgerIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @AfterEach
    void stop() throws Exception {
        if (ledger != null) {
            ledger.destroyIfAlive();
        }
        if (worker != null) {
            worker.close();
        }
        if (clay != null) {
            clay.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void exactlyTheLeadsWhoseCallbackClayDroppedAreOverdueOnceAndLateCallbacksCloseThem(@TempDir Path dir)
            throws Exception {
        long started = System.nanoTime();
        for (String topic : List.of(Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED, Topics.LEADS_CLAY_SENT)) {
            kafka.createTopic(topic, 3);
        }
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.CLAY_SINK_STATE, 1, Map.of("cleanup.policy", "compact"));
        startGateway();
        // A table that does not auto-dedupe on lead_id: as the runbook says, re-sending into one that does is dropped
        // by Clay unless the failed rows are deleted first.
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(ROWS_PER_SECOND, ROWS_PER_SECOND)
                .tableDedupe(false)
                .webhook(WebhookConfig.of("main").withSubmissionCap(1_000_000).withRowCap(1_000_000))
                .callback(CallbackConfig.to("http://127.0.0.1:" + gatewayPort + "/v1/clay/callback", CALLBACK_TOKEN))
                .faults(Faults.none().withCallbackFailureRate(0.03)).build());
        Path ledgerSettings = writeLedgerSettings(dir);
        ledger = ChildJvm.start("ledger-1", ClayLedgerApp.class.getName(), List.of(ledgerSettings.toString()), dir,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        worker = InProcessConnectWorker.start(kafka.bootstrapServers());

        List<String> ids = produceLeads();
        worker.putConnector("clay-sink", claySink());
        System.out.printf("Clay ledger IT: Clay sink running after %d s%n", seconds(started));

        // Kill the ledger while it is writing overdue rows to the DLQ, then start it again on the same state.
        await("the first overdue dead letter").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !overdueLetters().isEmpty());
        int beforeKill = overdueLetters().size();
        int exit = ledger.kill();
        System.out.printf("Clay ledger IT: ledger killed after %d s, %d rows in Clay%n", seconds(started),
                clay.rowLeadIds("main").size());
        await("every row in Clay").atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= LEADS);
        ledger = ChildJvm.start("ledger-2", ClayLedgerApp.class.getName(), List.of(ledgerSettings.toString()), dir,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

        System.out.printf("Clay ledger IT: every row in Clay after %d s, ledger restarted%n", seconds(started));
        Set<String> dropped = new HashSet<>(clay.droppedCallbackLeadIds());
        await("the ledger settled: only the dropped leads open, all of them overdue").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    ClayLedger.Summary summary = summary();
                    return summary.open() == dropped.size() && summary.overdue() == dropped.size()
                            && summary.overdueTotal() == dropped.size();
                });
        List<String> overdue = overdueLetters();
        System.out.printf("Clay ledger IT: %d leads, %d callbacks dropped by Clay, %d overdue dead letters "
                + "(%d written before the kill, ledger exit %d), settled after %d s%n", ids.size(), dropped.size(),
                overdue.size(), beforeKill, exit, seconds(started));
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(dropped).as("about 3% dropped").hasSizeBetween(10, 60);
        assertThat(overdue).as("each overdue lead dead-lettered once, and only those").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(dropped);
        assertThat(beforeKill).as("the kill fell while overdue rows were being written").isLessThan(dropped.size());

        List<String> late = new ArrayList<>(dropped).subList(0, 5);
        for (String leadId : late) {
            callBackLate(leadId);
        }
        await("the late callbacks close their rows").atMost(Duration.ofSeconds(30))
                .until(() -> summary().lateTotal() == 5);
        ClayLedger.Summary after = summary();
        System.out.printf("Clay ledger IT: after 5 late callbacks %s, done after %d s%n", after, seconds(started));
        assertThat(after.open()).isEqualTo(dropped.size() - 5);
        assertThat(after.overdue()).isEqualTo(dropped.size() - 5);
        assertThat(after.overdueTotal()).isEqualTo(dropped.size());
        assertThat(overdueLetters()).as("no dead letter more").hasSize(dropped.size());

        // What `clayflow clay resend-overdue --yes` writes: one request per partition. Clay is well again.
        clay.setFaults(Faults.none());
        for (int partition = 0; partition < 3; partition++) {
            kafka.produce(new ProducerRecord<>(Topics.CLAY_RESEND_REQUESTS, partition,
                    ClayLedger.ALL_TABLES.getBytes(StandardCharsets.UTF_8), new byte[0]));
        }
        Set<String> stillOverdue = new HashSet<>(dropped);
        late.forEach(stillOverdue::remove);
        await("the re-sent rows called back").atMost(Duration.ofSeconds(40)).until(() -> {
            ClayLedger.Summary summary = summary();
            return summary.open() == 0 && summary.resentTotal() == stillOverdue.size();
        });
        List<String> resent = readAll(Topics.LEADS_CLAY_OUTBOX).stream().map(ConsumerRecord::key)
                .filter(dropped::contains).toList();
        List<String> sentTwice = clay.rowLeadIds("main").stream().filter(dropped::contains).toList();
        System.out.printf("Clay ledger IT: %d overdue rows re-sent, %d skipped as called back meanwhile, done after "
                + "%d s%n", stillOverdue.size(), late.size(), seconds(started));
        assertThat(resent).as("the outbox: each dropped lead once, each still overdue one once more")
                .hasSize(dropped.size() + stillOverdue.size());
        assertThat(sentTwice).as("rows Clay took of the dropped leads: the late ones once, the others twice")
                .hasSize(dropped.size() + stillOverdue.size());
        assertThat(overdueLetters()).as("no dead letter more").hasSize(dropped.size());
    }

    private void startGateway() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("http.host", "127.0.0.1");
        props.put("http.port", Integer.toString(gatewayPort));
        props.put("management.host", "127.0.0.1");
        props.put("management.port", Integer.toString(InProcessConnectWorker.freePort()));
        props.put("callback.tokens", CALLBACK_TOKEN);
        props.put("leads.tokens", "ledger-it-leads-token");
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("schema.registry.url", registry.url());
        vertx = Vertx.vertx();
        GatewayServer.start(vertx, GatewayConfig.withOverrides(props)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private Path writeLedgerSettings(Path dir) throws IOException {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("schema.registry.url", registry.url());
        props.put("management.host", "127.0.0.1");
        props.put("management.port", Integer.toString(ledgerManagementPort));
        props.put("clay.callback.timeout", TIMEOUT.toString());
        props.put("clay.ledger.check.interval", "PT0.5S");
        props.put("streams.state.dir", dir.resolve("streams").toString());
        props.put("streams.session.timeout.ms", "6000");
        props.put("streams.heartbeat.interval.ms", "1000");
        Path file = dir.resolve("ledger.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "ClayLedgerIT");
        }
        return file;
    }

    private Map<String, String> claySink() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", "io.clayflow.connect.clay.ClayWebhookSinkConnector");
        props.put("tasks.max", "1");
        props.put("topics", Topics.LEADS_CLAY_OUTBOX);
        props.put("schema.registry.url", registry.url());
        props.put("clay.webhook.urls", clay.webhookUrl("main"));
        props.put("clay.webhook.quota.bootstrap.servers", kafka.bootstrapServers());
        props.put("rate.limit.rows.per.second", Integer.toString(ROWS_PER_SECOND));
        props.put("consumer.override.isolation.level", "read_committed");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return props;
    }

    private List<String> produceLeads() {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < LEADS; i++) {
                Lead lead = Lead.newBuilder().setLeadId("ledger-lead-" + i).setEmail("person" + i + "@acme.com")
                        .setFirstName("Person").setLastName("Number" + i).setCompanyDomain("acme.com")
                        .setSource("ledger-it").setOccurredAt(Instant.parse("2026-12-01T10:00:00Z")).build();
                ids.add(lead.getLeadId());
                records.add(new ProducerRecord<>(Topics.LEADS_CLAY_OUTBOX,
                        lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(Topics.LEADS_CLAY_OUTBOX, lead)));
            }
        }
        kafka.produceAll(records);
        return ids;
    }

    /** Clay's HTTP API column run again by hand for a row: the callback the ledger had given up on. */
    private void callBackLate(String leadId) throws IOException, InterruptedException {
        JsonObject row = clay.rows("main").stream().filter(r -> leadId.equals(r.getString("lead_id"))).findFirst()
                .orElseThrow();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gatewayPort + "/v1/clay/callback"))
                .header("Authorization", "Bearer " + CALLBACK_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new LeadEnricher(SimulatorConfig.DEFAULT_SEED).enrich(row)
                        .encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    /** The lead_ids of every committed overdue dead letter, in order, duplicates kept. */
    private List<String> overdueLetters() {
        List<String> leadIds = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.LEADS_DLQ)) {
            if (Stage.CLAY.wireName().equals(header(record, DeadLetterHeaders.STAGE))
                    && ClayLedger.REASON_CALLBACK_OVERDUE.equals(header(record, DeadLetterHeaders.REASON))) {
                leadIds.add(record.key());
            }
        }
        return leadIds;
    }

    /** The ledger's figures of the default table, summed over its partitions (latest per key). */
    private ClayLedger.Summary summary() {
        Map<String, String> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.CLAY_LEDGER_SUMMARY)) {
            latest.put(record.key(), record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        }
        ClayLedger.Summary total = ClayLedger.Summary.EMPTY;
        for (Map.Entry<String, String> entry : latest.entrySet()) {
            if (ClayLedger.DEFAULT_TABLE.equals(ClayLedger.summaryTable(entry.getKey()))) {
                total = total.plus(ClayLedger.Summary.decode(entry.getValue()));
            }
        }
        return total;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        props.put("allow.auto.create.topics", false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }
}
