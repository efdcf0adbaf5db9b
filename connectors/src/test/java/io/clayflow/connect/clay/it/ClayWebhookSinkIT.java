package io.clayflow.connect.clay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.fakes.clay.Faults;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.WebhookConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.clayflow.schemas.ClaySinkState;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.GrafanaDashboard;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Clay webhook sink in a real Connect worker (loaded from the packaged plugin only, serving /metrics), reading a
 * real broker, posting to the Clay simulator.
 */
@ClayflowIntegrationTest
class ClayWebhookSinkIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static ConnectWorker worker;

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private ClaySimulator clay;

    ClayWebhookSinkIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeAll
    static void startWorker(KafkaBroker kafka) {
        // As the local stack and docker-compose run it: plugins from their ServiceLoader manifests, and /metrics.
        worker = ConnectWorker.start(kafka.bootstrapServers(), Map.of("plugin.discovery", "service_load",
                "rest.extension.classes", "io.clayflow.connect.metrics.PrometheusMetricsExtension"));
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @AfterEach
    void stopClay() {
        if (clay != null) {
            clay.close();
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromThePluginPathOnly() {
        assertThatThrownBy(() -> Class.forName("io.clayflow.connect.clay.ClayWebhookSinkConnector"))
                .as("the connector must not be on the test classpath").isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.clayflow.connect.metrics.PrometheusMetricsExtension"))
                .as("the REST extension must not be on the test classpath").isInstanceOf(ClassNotFoundException.class);
        assertThat(worker.plugins().findValuesAsText("class"))
                .contains("io.clayflow.connect.clay.ClayWebhookSinkConnector");
    }

    @Test
    void thousandOutboxRowsBecomeThousandClayRowsWithoutDuplicates() {
        String topic = outbox();
        List<String> ids = produceLeads(topic, 1_000);

        startConnectorToFastClay(topic);

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 1_000);
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(clay.stats().rowsReceived()).as("rows Clay received: each once").isEqualTo(1_000);
        assertThat(clay.stats().refused(Refusal.DUPLICATE)).isZero();
    }

    @Test
    void withFivexxAndTimeoutsEveryRowArrivesAndDuplicatesStayWithinOneBatchPerFault() {
        clay = ClaySimulator.start(fastClay().webhook("main")
                .faults(Faults.none().withWebhookErrorRate(0.2).withWebhookTimeouts(0.03, Duration.ofSeconds(3)))
                .build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 1_000);

        startConnector(topic, Map.of("clay.webhook.urls", clay.webhookUrl("main"), "rate.limit.rows.per.second", "1000",
                "http.request.timeout.ms", "1000", "retry.backoff.initial.ms", "50", "retry.backoff.max.ms", "500",
                "retry.max.attempts", "10", "circuit.failure.rate.threshold", "90", "circuit.open.wait.ms", "1000"));

        await().atMost(Duration.ofSeconds(120)).until(() -> new HashSet<>(clay.rowLeadIds("main")).size() >= 1_000);
        long faults = clay.stats().refused(Refusal.FAULT);
        System.out.printf("Clay sink under faults: %d rows refused by injected faults, %d requests (%s), %d rows "
                + "received, %d duplicates%n", faults, clay.stats().requests(), clay.stats().requestsByStatus(),
                clay.stats().rowsReceived(), clay.stats().refused(Refusal.DUPLICATE));
        assertThat(new HashSet<>(clay.rowLeadIds("main"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(faults).as("faults were injected").isPositive();
        assertThat(clay.stats().refused(Refusal.DUPLICATE))
                .as("rows Clay saw twice: at most one batch (10 rows) per injected fault")
                .isLessThanOrEqualTo(10 * faults);
    }

    /**
     * The worker serves {@code GET /metrics} (the connectors plugin's REST extension, loaded from plugin.path): the
     * sink's counts under {@code clayflow_connect_*} with their connector and task, the worker's own
     * {@code kafka_connect_*} and the JVM's {@code jvm_*}; and every {@code clayflow_connect_*} name the Grafana
     * dashboard queries is one it serves.
     */
    @Test
    void theWorkerServesTheSinksMetricsAtSlashMetricsUnderTheNamesTheDashboardQueries() {
        String topic = outbox();
        produceLeads(topic, 20);
        String name = startConnectorToFastClay(topic);
        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 20);

        String task = "{connector=\"" + name + "\",task=\"0\"}";
        HttpResponse<String> scrape = await("the rows sent on /metrics").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> worker.get("/metrics"),
                        response -> response.statusCode() == 200 && response.body().lines()
                                .anyMatch(line -> line.equals("clayflow_connect_rows_sent_total" + task + " 20.0")));

        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain").contains("version=0.0.4"));
        assertThat(scrape.body()).contains("# TYPE clayflow_connect_rows_sent_total counter",
                "clayflow_connect_circuit_state" + task + " 0.0",
                "clayflow_connect_webhooks_available" + task + " 1.0",
                "clayflow_connect_webhook_submissions_used{connector=\"" + name + "\",task=\"0\",webhook=\"1\"} 20.0",
                "kafka_connect_sink_task_metrics_sink_record_read_total" + task,
                "kafka_connect_connect_worker_metrics_connector_count ",
                "jvm_memory_used_bytes{");
        assertThat(GrafanaDashboard.scrapedNames(scrape.body()))
                .containsAll(GrafanaDashboard.load().metricNamesStartingWith("clayflow_connect_"));
    }

    /**
     * A worker that dies after Clay's 2xx but before Connect commits leaves the group's offsets behind what Clay took.
     * Here the group is set back to the start while the connector is stopped, as such a death leaves it: every row
     * handed over again is skipped, none is sent twice.
     */
    @Test
    void rowsClayTookAreNotSentAgainWhenTheCommittedOffsetsLagBehind() throws Exception {
        String topic = outbox();
        List<String> ids = produceLeads(topic, 300);
        String name = startConnectorToFastClay(topic);
        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 300);

        worker.stop(name);
        rewindGroupToStart(name, topic);
        worker.resume(name);

        await("the sink read the rows handed over again").atMost(Duration.ofSeconds(60))
                .until(() -> committedRows(name) == 300);
        assertThat(skippedRows(name)).as("rows skipped because Clay had taken them").isEqualTo(300.0);
        assertThat(clay.stats().rowsReceived()).as("rows Clay received: each once").isEqualTo(300);
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** Resetting the offsets through Connect's REST API is a request to send again: the sink forgets what Clay took. */
    @Test
    void resettingTheConnectorsOffsetsThroughConnectSendsEveryRowAgain() {
        String topic = outbox();
        produceLeads(topic, 100);
        String name = startConnectorToFastClay(topic);
        await().atMost(Duration.ofSeconds(60)).until(() -> clay.stats().rowsReceived() >= 100);

        worker.stop(name);
        worker.resetOffsets(name);
        worker.resume(name);

        await("every row sent again").atMost(Duration.ofSeconds(60))
                .until(() -> clay.stats().rowsReceived() >= 200);
        assertThat(clay.stats().refused(Refusal.DUPLICATE)).as("rows the table's auto-dedupe dropped").isEqualTo(100);
    }

    /** An intake that crashed mid-transaction leaves aborted records in the outbox: Clay never sees them. */
    @Test
    void rowsOfAnAbortedTransactionNeverReachClay() {
        String topic = outbox();
        List<Lead> aborted = new ArrayList<>();
        List<Lead> committed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            (i < 20 ? aborted : committed).add(lead(topic, i));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.transactionalProducerProps(
                "aborting-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            records(topic, aborted).forEach(producer::send);
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            records(topic, committed).forEach(producer::send);
            producer.commitTransaction();
        }

        startConnectorToFastClay(topic);

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= committed.size());
        await("no row of the aborted transaction").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> clay.stats().rowsReceived() == committed.size());
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(
                committed.stream().map(Lead::getLeadId).toList());
    }

    /** Without read_committed the connector does not start, and says which setting and why. */
    @Test
    void aConnectorWhoseConsumerWouldReadUncommittedRecordsFailsSayingWhy() {
        String topic = outbox();
        Map<String, String> config = withDefaults(topic, Map.of("clay.webhook.urls", "http://127.0.0.1:9/webhook"));
        config.remove("consumer.override.isolation.level");
        String name = "clay-" + topic;

        worker.putConnector(name, config);

        JsonNode status = await("the connector failed").atMost(Duration.ofSeconds(30)).until(() -> worker.status(name),
                s -> s != null && "FAILED".equals(s.path("connector").path("state").asText()));
        assertThat(status.path("connector").path("trace").asText())
                .contains("consumer.override.isolation.level", "read_committed", "aborted");
        assertThat(status.path("tasks")).as("no task started").isEmpty();
    }

    /**
     * The state topic was named for the webhook quota alone ({@link Topics#LEGACY_CLAY_WEBHOOK_QUOTA}); under its new
     * name the sink carries what the old one holds over: rows Clay took are not sent again, and counting goes on.
     */
    @Test
    void theStateKeptUnderTheTopicsOldNameIsCarriedOverAndHonoured() throws Exception {
        clay = ClaySimulator.start(fastClay().webhook("main").build());
        String topic = outbox();
        String name = "clay-" + topic;
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leads.add(lead(topic, i));
        }
        kafka.produceAll(records(topic, leads).stream().map(r -> new ProducerRecord<>(topic, 0, r.key(), r.value()))
                .toList());
        kafka.createTopic(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, 1, Map.of("cleanup.policy", "compact"));
        String webhook = sha256(clay.webhookUrl("main"));
        kafka.produce(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, webhook, "40".getBytes(StandardCharsets.UTF_8));
        kafka.produce(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, ClaySinkState.progressKey(name, topic, 0),
                "20@".getBytes(StandardCharsets.UTF_8));
        Map<String, String> config = withDefaults(topic, Map.of("clay.webhook.urls", clay.webhookUrl("main"),
                "rate.limit.rows.per.second", "1000"));
        config.remove("clay.webhook.quota.topic");

        worker.putConnector(name, config);
        worker.awaitRunning(name);

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 30);
        await("nothing Clay took before is sent again").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> clay.stats().rowsReceived() == 30);
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(
                leads.subList(20, 50).stream().map(Lead::getLeadId).toList());
        Map<String, String> state = latest(Topics.CLAY_SINK_STATE);
        assertThat(state).containsEntry(webhook, "70").containsKey("upgraded-from/" + Topics.LEGACY_CLAY_WEBHOOK_QUOTA);
        assertThat(state.get(ClaySinkState.progressKey(name, topic, 0))).startsWith("50@");
    }

    @Test
    void aRowClayRefusesAsBadLandsInTheDlqWithItsReason() {
        clay = ClaySimulator.start(fastClay().webhook("main").build());
        String topic = outbox();
        String dlq = topic + ".dlq";
        kafka.createTopic(dlq, 1);
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leads.add(lead(topic, i));
        }
        // Clay refuses bodies of 100 KB and more; the connector is (mis)configured to allow larger requests.
        leads.set(7, Lead.newBuilder(leads.get(7)).setAttributes(Map.of("notes", "x".repeat(150_000))).build());
        produce(topic, leads);

        Map<String, String> config = new HashMap<>(Map.of("clay.webhook.urls", clay.webhookUrl("main"),
                "rate.limit.rows.per.second", "1000", "batch.max.bytes", "1000000"));
        config.put("errors.deadletterqueue.topic.name", dlq);
        startConnector(topic, config);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(dlq, 1, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> clay.rowLeadIds("main").size() >= 19);
        assertThat(deadLetters).hasSize(1);
        assertThat(header(deadLetters.get(0), "__connect.errors.exception.message")).contains("HTTP 413");
        assertThat(header(deadLetters.get(0), "__connect.errors.topic")).isEqualTo(topic);
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(leads.get(7).getLeadId());
        assertThat(header(deadLetters.get(0), "__connect.errors.offset")).isNotBlank();
        assertThat(clay.rowLeadIds("main")).hasSize(19).doesNotContain(leads.get(7).getLeadId());
    }

    @Test
    void underA429StormTheCircuitOpensConsumptionPausesAndEverythingArrivesAfter() {
        clay = ClaySimulator.start(fastClay().webhook("main").faults(Faults.none().withForcedStatus(429)).build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 200);

        startConnector(topic, Map.of("clay.webhook.urls", clay.webhookUrl("main"), "rate.limit.rows.per.second", "1000",
                "retry.max.attempts", "2", "retry.backoff.initial.ms", "50", "circuit.minimum.calls", "4",
                "circuit.open.wait.ms", "3000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> clay.stats().requestsWithStatus(429) >= 4);
        long requestsWhenOpen = clay.stats().requests();
        await("no retry storm while the circuit is open").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> clay.stats().requests() - requestsWhenOpen <= 2 && clay.rowLeadIds("main").isEmpty());
        long requestsTwoSecondsLater = clay.stats().requests();
        System.out.printf("Clay sink under a 429 storm: %d requests until the circuit opened, %d in the next 2 s%n",
                requestsWhenOpen, requestsTwoSecondsLater - requestsWhenOpen);

        assertThat(requestsTwoSecondsLater - requestsWhenOpen)
                .as("while the circuit is open, no retry storm: at most a probe").isLessThanOrEqualTo(2);
        assertThat(clay.rowLeadIds("main")).isEmpty();

        clay.setFaults(Faults.none());
        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 200);
        assertThat(clay.rowLeadIds("main")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void sendingRotatesPastASpentWebhookPausesWhenAllAreSpentAndResumesWhenOneIsAdded() {
        clay = ClaySimulator.start(fastClay()
                .webhook(WebhookConfig.of("first").withSubmissionCap(100))
                .webhook(WebhookConfig.of("second").withSubmissionCap(100)).build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 250);
        Map<String, String> config = new HashMap<>(Map.of("rate.limit.rows.per.second", "1000",
                "clay.webhook.submission.limit", "100"));
        config.put("clay.webhook.urls", clay.webhookUrl("first") + "," + clay.webhookUrl("second"));
        String name = startConnector(topic, config);

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("second").size() >= 100);
        assertThat(clay.rowLeadIds("first")).hasSize(100);
        await("nothing more sent once every webhook is spent").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5)).until(() -> clay.stats().refused(Refusal.CAP_REACHED) == 0
                        && clay.rowLeadIds("first").size() + clay.rowLeadIds("second").size() == 200);
        assertThat(clay.stats().refused(Refusal.CAP_REACHED)).as("we stop before Clay has to refuse").isZero();
        assertThat(worker.status(name).path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(clay.rowLeadIds("first").size() + clay.rowLeadIds("second").size()).isEqualTo(200);

        clay.addWebhook(WebhookConfig.of("third"));
        config.put("clay.webhook.urls", config.get("clay.webhook.urls") + "," + clay.webhookUrl("third"));
        worker.putConnector(name, withDefaults(topic, config));

        await().atMost(Duration.ofSeconds(90)).until(() -> clay.rowLeadIds("third").size() >= 50);
        List<String> all = new ArrayList<>(clay.rowLeadIds("first"));
        all.addAll(clay.rowLeadIds("second"));
        all.addAll(clay.rowLeadIds("third"));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void withDefaultsAgainstClaysDefaultLimitsNo429AndNearlyTheFullRate() {
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("main").build());
        String topic = outbox();
        int rows = 250;
        produceLeads(topic, rows);

        startConnector(topic, Map.of("clay.webhook.urls", clay.webhookUrl("main")));
        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("main").size() >= 10);
        Instant start = Instant.now();
        int startRows = clay.rowLeadIds("main").size();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> clay.rowLeadIds("main").size() >= rows);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        double rate = (rows - startRows) / seconds;
        System.out.printf("Clay sink at default limits: %d rows in %.1f s = %.2f rows/s (allowed 10/s), 429s: %d%n",
                rows - startRows, seconds, rate, clay.stats().requestsWithStatus(429));

        assertThat(clay.stats().requestsWithStatus(429)).as("429s received").isZero();
        assertThat(rate).as("send rate with a backlog, rows/s").isGreaterThanOrEqualTo(9.0);
    }

    private static SimulatorConfig.Builder fastClay() {
        return SimulatorConfig.builder().port(0).rateLimit(5_000, 5_000);
    }

    private String outbox() {
        String topic = "sink-it-" + RUN.incrementAndGet() + ".leads.clay.outbox";
        kafka.createTopic(topic, 2);
        return topic;
    }

    /** Starts Clay with room to spare and a connector sending {@code topic} to it at 1,000 rows/s; its name. */
    private String startConnectorToFastClay(String topic) {
        clay = ClaySimulator.start(fastClay().webhook("main").build());
        return startConnector(topic, Map.of("clay.webhook.urls", clay.webhookUrl("main"),
                "rate.limit.rows.per.second", "1000"));
    }

    private String startConnector(String topic, Map<String, String> overrides) {
        String name = "clay-" + topic;
        worker.putConnector(name, withDefaults(topic, overrides));
        worker.awaitRunning(name);
        return name;
    }

    /** Sets the sink's consumer group back to the start of every partition (the group must be empty). */
    private void rewindGroupToStart(String connector, String topic) {
        Map<TopicPartition, OffsetAndMetadata> start = Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0),
                new TopicPartition(topic, 1), new OffsetAndMetadata(0));
        try (Admin admin = Admin.create(kafka.adminProps())) {
            await("the stopped sink's group rewound").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets("connect-" + connector, start).all().get();
                return true;
            });
        }
    }

    private long committedRows(String connector) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            return admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get()
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static double skippedRows(String connector) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return ((Number) jmx.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=" + connector
                + ",task=0"), "rows-skipped-already-sent")).doubleValue();
    }

    private Map<String, String> withDefaults(String topic, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.clay.ClayWebhookSinkConnector");
        // Every clayflow sink reads committed records only (see ReadCommitted), and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("clay.webhook.quota.bootstrap.servers", kafka.bootstrapServers());
        config.put("clay.webhook.quota.topic", topic + ".quota");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.putAll(overrides);
        return config;
    }

    private List<String> produceLeads(String topic, int count) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(lead(topic, i));
        }
        produce(topic, leads);
        return leads.stream().map(Lead::getLeadId).toList();
    }

    private void produce(String topic, List<Lead> leads) {
        kafka.produceAll(records(topic, leads));
    }

    private List<ProducerRecord<byte[], byte[]>> records(String topic, List<Lead> leads) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (Lead lead : leads) {
                records.add(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, lead)));
            }
        }
        return records;
    }

    /** The latest value per key of a one-partition topic, read to its end. */
    private Map<String, String> latest(String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await("reading " + topic + " to its end").atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                        return consumer.position(partition) >= end;
                    });
        }
        return latest;
    }

    /** How the sink keys a webhook's count: a SHA-256 of its URL, which never appears in the topic. */
    private static String sha256(String url) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)));
    }

    private static Lead lead(String topic, int i) {
        return Lead.newBuilder()
                .setLeadId(topic + "-lead-" + i)
                .setEmail("person" + i + "@acme" + (i % 7) + ".com")
                .setFirstName("Person")
                .setLastName("Number" + i)
                .setCompanyDomain("acme" + (i % 7) + ".com")
                .setTitle(i % 3 == 0 ? "VP Sales" : "Engineer")
                .setSource("sink-it")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                .build();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
