package io.clayflow.connect.clay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.WebhookConfig;
import io.clayflow.schemas.ClaySinkState;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Clay sink filling named Clay tables (issue 16, points 2-4) in a real Connect worker on a real broker, posting to
 * the Clay simulator: tables and their row caps, the request format and the pace Clay sees, a workspace out of
 * credits. Small numbers (caps of 300, 500 leads), so each test runs in seconds.
 */
@ClayflowIntegrationTest
class ClayTablesIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static ConnectWorker worker;

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private ClaySimulator clay;

    ClayTablesIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeAll
    static void startWorker(KafkaBroker kafka) {
        worker = ConnectWorker.start(kafka.bootstrapServers(), Map.of("plugin.discovery", "service_load"));
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

    /** Two tables capped at 300 rows take 500 leads as 300 + 200: none past a cap, none lost, none twice. */
    @Test
    void twoTablesOfThreeHundredRowsTakeFiveHundredLeadsAsThreeHundredAndTwoHundred() {
        clay = ClaySimulator.start(fastClay().webhook(WebhookConfig.of("a").withRowCap(300))
                .webhook(WebhookConfig.of("b").withRowCap(300)).build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 500);
        Instant start = Instant.now();

        startConnector(topic, tables(Map.of("a", "a", "b", "b"), "300"));

        await().atMost(Duration.ofSeconds(60)).until(() -> rowsIn("a") + rowsIn("b") >= 500);
        System.out.printf("Two tables capped at 300: %d + %d rows in %d ms, %d dropped by a full table%n",
                rowsIn("a"), rowsIn("b"), Duration.between(start, Instant.now()).toMillis(),
                clay.stats().refused(Refusal.TABLE_FULL));
        assertThat(rowsIn("a")).isEqualTo(300);
        assertThat(rowsIn("b")).isEqualTo(200);
        assertThat(clay.stats().refused(Refusal.TABLE_FULL)).as("rows sent past a cap").isZero();
        assertThat(clay.stats().rowsReceived()).as("rows Clay received: each once").isEqualTo(500);
        List<String> all = new ArrayList<>(clay.rowLeadIds("a"));
        all.addAll(clay.rowLeadIds("b"));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    }

    /**
     * One table of 300 and 500 leads: 300 sent, then the sink pauses with 200 waiting (none skipped) and says why, in
     * its state topic (what {@code clayflow status} shows) and its gauge; a table added to the configuration takes the
     * 200.
     */
    @Test
    void aFullTableLeavesTheRestWaitingSayingWhyAndATableAddedTakesThem() throws Exception {
        clay = ClaySimulator.start(fastClay().webhook(WebhookConfig.of("a").withRowCap(300))
                .webhook(WebhookConfig.of("b").withRowCap(300)).build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 500);
        String name = startConnector(topic, tables(Map.of("a", "a"), "300"));

        await().atMost(Duration.ofSeconds(60)).until(() -> rowsIn("a") >= 300);
        String why = await("the pause recorded").atMost(Duration.ofSeconds(30))
                .until(() -> latest(topic + ".quota").get(ClaySinkState.pauseKey(name)), reason -> reason != null);
        await("nothing more sent while every table is full").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5)).until(() -> clay.stats().rowsReceived() == 300);
        System.out.printf("One table of 300: paused with %d rows sent, saying \"%s\"; gauge sending-paused=%s%n",
                clay.stats().rowsReceived(), why, gauge(name, "sending-paused"));
        assertThat(why).startsWith("tables-full: ").contains("a full (300 of 300 rows)", "clay.tables");
        assertThat(gauge(name, "sending-paused")).isEqualTo(1L);
        assertThat(gauge(name, "tables-available")).isEqualTo(0L);
        assertThat(worker.status(name).path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(committed(name, topic)).as("the 200 waiting are not committed, so not skipped").isEqualTo(300);

        worker.putConnector(name, withDefaults(topic, tables(Map.of("a", "a", "b", "b"), "300")));

        await().atMost(Duration.ofSeconds(60)).until(() -> rowsIn("b") >= 200);
        await("the pause cleared").atMost(Duration.ofSeconds(30))
                .until(() -> !latest(topic + ".quota").containsKey(ClaySinkState.pauseKey(name)));
        List<String> all = new ArrayList<>(clay.rowLeadIds("a"));
        all.addAll(clay.rowLeadIds("b"));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rowsIn("a")).as("table a's count survived the restart: nothing more went to it").isEqualTo(300);
        assertThat(clay.stats().refused(Refusal.TABLE_FULL)).isZero();
    }

    /** In the object format, N leads are N requests of one row, and no one-second window holds more than the rate. */
    @Test
    void theObjectFormatSendsOneRequestPerLeadNeverAboveTheRateInAnyOneSecondWindow() {
        int rate = 20;
        int leads = 120;
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(rate, rate).webhook("a").build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, leads);
        Instant start = Instant.now();

        startConnector(topic, Map.of("clay.webhook.urls", clay.webhookUrl("a"),
                "rate.limit.rows.per.second", Integer.toString(rate)));

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("a").size() >= leads);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long most = clay.maxRowsTakenInAnyWindow(Duration.ofSeconds(1));
        System.out.printf("Object format: %d leads -> %d requests in %.1f s, at most %d rows in any 1-s window "
                + "(rate %d), %d answered 429%n", leads, clay.stats().requests(), seconds, most, rate,
                clay.stats().requestsWithStatus(429));
        assertThat(clay.stats().requests()).as("one request per lead").isEqualTo(leads);
        assertThat(clay.maxRequestsTakenInAnyWindow(Duration.ofSeconds(1))).isEqualTo(most);
        assertThat(most).as("rows in any 1-s window").isLessThanOrEqualTo(rate).isGreaterThanOrEqualTo(rate / 2);
        assertThat(clay.stats().requestsWithStatus(429)).isZero();
        assertThat(clay.rowLeadIds("a")).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** A table configured for arrays gets several rows per request, still paced in rows. */
    @Test
    void theArrayFormatStillWorksWhereATableIsConfiguredForIt() {
        int rate = 50;
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(rate, rate).webhook("a").build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 200);
        Map<String, String> config = new HashMap<>(tables(Map.of("a", "a"), "50000"));
        config.put("clay.table.a.format", "array");
        config.put("rate.limit.rows.per.second", Integer.toString(rate));

        startConnector(topic, config);

        await().atMost(Duration.ofSeconds(60)).until(() -> clay.rowLeadIds("a").size() >= 200);
        long most = clay.maxRowsTakenInAnyWindow(Duration.ofSeconds(1));
        System.out.printf("Array format: 200 leads -> %d requests, at most %d rows in any 1-s window (rate %d)%n",
                clay.stats().requests(), most, rate);
        assertThat(clay.stats().requests()).as("several rows per request").isLessThanOrEqualTo(200 / 5);
        assertThat(most).isLessThanOrEqualTo(rate);
        assertThat(clay.rowLeadIds("a")).containsExactlyInAnyOrderElementsOf(ids);
    }

    /**
     * A 402 storm (the workspace out of credits): sending pauses for every table, says why, probes at the set interval
     * rather than hammering, loses and skips nothing, and goes on once Clay stops answering 402.
     */
    @Test
    void aStormOf402PausesEveryTableProbesAtTheIntervalAndResumesWithNothingLost() throws Exception {
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(100, 100)
                .webhook("a").webhook("b").creditsExhausted(true).build());
        String topic = outbox();
        List<String> ids = produceLeads(topic, 300);
        Map<String, String> config = new HashMap<>(tables(Map.of("a", "a", "b", "b"), "150"));
        config.put("rate.limit.rows.per.second", "100");
        config.put("clay.credits.probe.interval.ms", "1000");
        String name = startConnector(topic, config);

        String why = await("the pause recorded").atMost(Duration.ofSeconds(30))
                .until(() -> latest(topic + ".quota").get(ClaySinkState.pauseKey(name)), reason -> reason != null);
        long first402 = System.nanoTime();
        await("probing, not hammering").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> clay.rowLeadIds("a").isEmpty() && clay.rowLeadIds("b").isEmpty());
        double stormSeconds = (System.nanoTime() - first402) / 1e9;
        long answered402 = clay.stats().requestsWithStatus(402);
        assertThat(why).startsWith("credits-exhausted: ").contains("402");
        assertThat(gauge(name, "sending-paused")).isEqualTo(2L);

        clay.setCreditsExhausted(false);

        await().atMost(Duration.ofSeconds(60)).until(() -> rowsIn("a") + rowsIn("b") >= 300);
        await("the pause cleared").atMost(Duration.ofSeconds(30))
                .until(() -> !latest(topic + ".quota").containsKey(ClaySinkState.pauseKey(name)));
        System.out.printf("402 storm: %d requests answered 402 in %.1f s (probe every 1 s), then %d + %d rows, "
                + "%d dead letters%n", answered402, stormSeconds, rowsIn("a"), rowsIn("b"), deadLetters(topic));
        assertThat(answered402).as("a probe a second, not a retry storm")
                .isBetween(1L, (long) Math.ceil(stormSeconds) + 2);
        List<String> all = new ArrayList<>(clay.rowLeadIds("a"));
        all.addAll(clay.rowLeadIds("b"));
        assertThat(all).as("nothing lost, nothing skipped, nothing twice").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(deadLetters(topic)).isZero();
        assertThat(gauge(name, "sending-paused")).isEqualTo(0L);
    }

    private static SimulatorConfig.Builder fastClay() {
        return SimulatorConfig.builder().port(0).rateLimit(5_000, 5_000);
    }

    private int rowsIn(String webhook) {
        return clay.rowLeadIds(webhook).size();
    }

    /** The sink's settings for these tables (name to simulator webhook), each capped at {@code cap} rows. */
    private Map<String, String> tables(Map<String, String> tableToWebhook, String cap) {
        Map<String, String> config = new HashMap<>();
        List<String> names = new ArrayList<>(tableToWebhook.keySet());
        names.sort(null);
        config.put("clay.tables", String.join(",", names));
        config.put("clay.tables.row.cap", cap);
        tableToWebhook.forEach((table, webhook) -> config.put("clay.table." + table + ".webhook.urls",
                clay.webhookUrl(webhook)));
        config.put("rate.limit.rows.per.second", "1000");
        return config;
    }

    private String outbox() {
        String topic = "tables-it-" + RUN.incrementAndGet() + ".leads.clay.outbox";
        kafka.createTopic(topic, 2);
        return topic;
    }

    private String startConnector(String topic, Map<String, String> overrides) {
        String name = "clay-" + topic;
        worker.putConnector(name, withDefaults(topic, overrides));
        worker.awaitRunning(name);
        return name;
    }

    private Map<String, String> withDefaults(String topic, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.clay.ClayWebhookSinkConnector");
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("clay.webhook.quota.bootstrap.servers", kafka.bootstrapServers());
        config.put("clay.webhook.quota.topic", topic + ".quota");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.putAll(overrides);
        return config;
    }

    private List<String> produceLeads(String topic, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < count; i++) {
                Lead lead = Lead.newBuilder().setLeadId(topic + "-lead-" + i)
                        .setEmail("person" + i + "@acme" + (i % 7) + ".com").setFirstName("Person")
                        .setLastName("Number" + i).setCompanyDomain("acme" + (i % 7) + ".com").setTitle("Engineer")
                        .setSource("tables-it").setOccurredAt(Instant.parse("2026-12-03T08:00:00Z")).build();
                ids.add(lead.getLeadId());
                records.add(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, lead)));
            }
        }
        kafka.produceAll(records);
        return ids;
    }

    /** A gauge of the sink's task, as the worker registers it (JMX). */
    private static Object gauge(String connector, String metric) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                "kafka.connect:type=plugins,connector=" + connector + ",task=0"), metric);
    }

    private long committed(String connector, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                kafka.adminProps())) {
            return admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get()
                    .values().stream().mapToLong(org.apache.kafka.clients.consumer.OffsetAndMetadata::offset).sum();
        }
    }

    private long deadLetters(String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                kafka.adminProps())) {
            if (!admin.listTopics().names().get().contains(topic + ".dlq")) {
                return 0;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return latestCount(topic + ".dlq");
    }

    private long latestCount(String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The latest value per key of the one-partition state topic, read to its end (transactions committed only). */
    private Map<String, String> latest(String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        props.put("isolation.level", "read_committed");
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await("reading " + topic + " to its end").atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                            if (r.value() == null) {
                                latest.remove(r.key());
                            } else {
                                latest.put(r.key(), r.value());
                            }
                        });
                        return consumer.position(partition) >= end;
                    });
        }
        return latest;
    }
}
