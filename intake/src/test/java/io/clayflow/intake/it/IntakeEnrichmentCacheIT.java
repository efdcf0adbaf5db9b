package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enrichment cache's policies on a real broker and registry, exactly-once, with this test writing Clay's
 * enrichments to {@code leads.enriched} as the callback gateway does (the whole pipeline with the Clay simulator is
 * the stack's {@code EnrichmentCacheIT}). Each test has its own person and application id, which starts reading at
 * the topics' ends; the topics are shared, so what a test reads is filtered to its person.
 */
@ClayflowIntegrationTest
class IntakeEnrichmentCacheIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void topics(KafkaBroker kafka) {
        kafka.createTopic(Topics.LEADS_RAW, 2);
        kafka.createTopic(Topics.LEADS_ENRICHED, 2);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, 2);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
    }

    @Test
    void aHeldRepeatSurvivesARestartOnAFreshDiskAndIsPublishedWhenClayCallsBack(KafkaBroker kafka,
            SchemaRegistryServer registry) throws Exception {
        String email = "held@acme.com";
        Map<String, String> settings = Map.of(IntakeConfig.APPLICATION_ID, "cache-it-held");
        Instant t0 = Instant.now();
        Lead released;
        try (Intake intake = Intake.start(kafka, registry, settings)) {
            produceTouch(kafka, intake, touch(email, "web-form"), t0);
            released = await().atMost(TIMEOUT).until(() -> outbox(kafka, intake, email), list -> list.size() == 1)
                    .get(0);
            produceTouch(kafka, intake, touch(" HELD@Acme.com ", "crm-event"), t0.plusSeconds(1));
            await().atMost(TIMEOUT).until(() -> intake.metric("cache-held-total") == 1.0);
        }
        // A new state directory: the held touch comes back from its changelog alone.
        try (Intake intake = Intake.resume(kafka, registry, settings)) {
            produceEnrichment(kafka, intake, released, t0.plusSeconds(5));
            List<EnrichedLead> enriched = await().atMost(TIMEOUT)
                    .until(() -> enriched(kafka, intake, email), list -> list.size() == 2);

            assertThat(enriched).extracting(EnrichedLead::getEnrichmentSource, EnrichedLead::getSource)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CLAY, "web-form"),
                            org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CACHE, "crm-event"));
            assertThat(enriched.get(1).getIcpScore()).isEqualTo(88);
            assertThat(outbox(kafka, intake, email)).as("sent to Clay once").hasSize(1);
        }
    }

    @Test
    void dropDropsTheRepeatAsIntakeDidBeforeTheCache(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        String email = "dropped@acme.com";
        Instant t0 = Instant.now();
        try (Intake intake = Intake.start(kafka, registry, Map.of(IntakeConfig.APPLICATION_ID, "cache-it-drop",
                IntakeConfig.CACHE_POLICY, "drop"))) {
            produceTouch(kafka, intake, touch(email, "web-form"), t0);
            Lead released = await().atMost(TIMEOUT).until(() -> outbox(kafka, intake, email), l -> l.size() == 1)
                    .get(0);
            produceEnrichment(kafka, intake, released, t0.plusSeconds(1));
            produceTouch(kafka, intake, touch("DROPPED@acme.com", "api"), t0.plusSeconds(2));
            await().atMost(TIMEOUT).until(() -> intake.metric("duplicates-dropped-total") == 1.0);

            assertThat(outbox(kafka, intake, email)).hasSize(1);
            assertThat(enriched(kafka, intake, email)).as("only Clay's record").extracting(EnrichedLead::getSource)
                    .containsExactly("web-form");
            assertThat(intake.metric("cache-served-total")).isZero();
        }
    }

    @Test
    void reenrichServesAYoungCacheAndSendsAgainOnceItIsOlderThanTheAge(KafkaBroker kafka,
            SchemaRegistryServer registry) throws Exception {
        String email = "aged@acme.com";
        Instant t0 = Instant.now();
        try (Intake intake = Intake.start(kafka, registry, Map.of(IntakeConfig.APPLICATION_ID, "cache-it-reenrich",
                IntakeConfig.CACHE_POLICY, "reenrich", IntakeConfig.CACHE_REENRICH_MAX_AGE, "PT20M"))) {
            produceTouch(kafka, intake, touch(email, "web-form"), t0);
            Lead released = await().atMost(TIMEOUT).until(() -> outbox(kafka, intake, email), l -> l.size() == 1)
                    .get(0);
            produceEnrichment(kafka, intake, released, t0.plusSeconds(1));
            // Record times move stream time (the broker takes them up to an hour ahead): ten minutes on, the cache
            // is served; thirty minutes on, it is older than the age and the touch goes to Clay again.
            produceTouch(kafka, intake, touch(email, "api"), t0.plus(Duration.ofMinutes(10)));
            await().atMost(TIMEOUT).until(() -> enriched(kafka, intake, email).size() == 2);
            produceTouch(kafka, intake, touch(email, "csv-import"), t0.plus(Duration.ofMinutes(30)));
            List<Lead> sent = await().atMost(TIMEOUT).until(() -> outbox(kafka, intake, email), l -> l.size() == 2);

            assertThat(sent).extracting(Lead::getSource).containsExactly("web-form", "csv-import");
            assertThat(enriched(kafka, intake, email)).extracting(EnrichedLead::getEnrichmentSource,
                    EnrichedLead::getSource).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CLAY, "web-form"),
                    org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CACHE, "api"));
            assertThat(intake.metric("cache-reenriched-total")).isEqualTo(1.0);
        }
    }

    private static Lead touch(String email, String source) {
        return Lead.newBuilder().setEmail(email).setSource(source).setSourceId(source + "-1")
                .setOccurredAt(Instant.parse("2026-11-20T10:00:00Z")).build();
    }

    private static void produceTouch(KafkaBroker kafka, Intake intake, Lead lead, Instant at) {
        kafka.produce(new ProducerRecord<>(Topics.LEADS_RAW, null, at.toEpochMilli(), null,
                intake.leads.serializer().serialize(Topics.LEADS_RAW, lead)));
    }

    /** What the gateway writes for Clay's callback of a released lead. */
    private static void produceEnrichment(KafkaBroker kafka, Intake intake, Lead released, Instant at) {
        EnrichedLead enriched = EnrichedLead.newBuilder().setLeadId(released.getLeadId()).setEmail(released.getEmail())
                .setSource(released.getSource()).setSourceId(released.getSourceId())
                .setOccurredAt(released.getOccurredAt()).setWorkEmail(released.getEmail()).setIcpScore(88)
                .setEnrichedAt(at).build();
        kafka.produce(new ProducerRecord<>(Topics.LEADS_ENRICHED, null, at.toEpochMilli(),
                released.getLeadId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                intake.enriched.serializer().serialize(Topics.LEADS_ENRICHED, enriched)));
    }

    private static List<Lead> outbox(KafkaBroker kafka, Intake intake, String email) {
        return readAll(kafka, Topics.LEADS_CLAY_OUTBOX, intake.leads.deserializer()).stream()
                .filter(lead -> email.equals(lead.getEmail())).toList();
    }

    private static List<EnrichedLead> enriched(KafkaBroker kafka, Intake intake, String email) {
        return readAll(kafka, Topics.LEADS_ENRICHED, intake.enriched.deserializer()).stream()
                .filter(lead -> email.equals(lead.getEmail()))
                .sorted(java.util.Comparator.comparing(EnrichedLead::getEnrichmentSource).reversed()
                        .thenComparing(EnrichedLead::getOccurredAt))
                .toList();
    }

    /** Every committed record of a topic as of now: read up to its end offsets. */
    private static <V> List<V> readAll(KafkaBroker kafka, String topic, Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>(kafka.consumerProps("cache-it-reader"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<V> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(record -> records.add(record.value()));
            }
            return records;
        }
    }

    /** An intake app on the real broker, with its serdes and a fresh state directory. */
    private static final class Intake implements AutoCloseable {

        final SpecificAvroSerde<Lead> leads = new SpecificAvroSerde<>();
        final SpecificAvroSerde<EnrichedLead> enriched = new SpecificAvroSerde<>();
        final KafkaStreams streams;

        private Intake(IntakeConfig config) {
            leads.configure(config.serdeConfigs(), false);
            enriched.configure(config.serdeConfigs(), false);
            streams = new KafkaStreams(IntakeTopology.buildTopology(config, leads, enriched),
                    config.streamsProperties());
        }

        /** A new app that reads only what is produced from now on (not the other tests' people). */
        static Intake start(KafkaBroker kafka, SchemaRegistryServer registry, Map<String, String> settings)
                throws Exception {
            startAtTheEnd(kafka, settings.get(IntakeConfig.APPLICATION_ID));
            return resume(kafka, registry, settings);
        }

        /** The app as it stopped (its committed offsets and changelogs), on a new state directory. */
        static Intake resume(KafkaBroker kafka, SchemaRegistryServer registry, Map<String, String> settings)
                throws Exception {
            Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
            props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
            props.put("streams.state.dir", Files.createTempDirectory("intake-cache-it").toString());
            props.put("streams.commit.interval.ms", "100");
            props.put("streams.num.standby.replicas", "0");
            props.putAll(settings);
            Intake intake = new Intake(new IntakeConfig(props));
            intake.streams.start();
            await().atMost(TIMEOUT).until(() -> intake.streams.state() == KafkaStreams.State.RUNNING);
            return intake;
        }

        private static void startAtTheEnd(KafkaBroker kafka, String group) throws Exception {
            try (Admin admin = Admin.create(kafka.adminProps())) {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_ENRICHED)) {
                    for (int partition = 0; partition < 2; partition++) {
                        ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                admin.listOffsets(ends).all().get().forEach((partition, end) ->
                        offsets.put(partition, new OffsetAndMetadata(end.offset())));
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
            }
        }

        double metric(String name) {
            double sum = 0;
            for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
                if (entry.getKey().group().equals("stream-clayflow-intake-metrics")
                        && entry.getKey().name().equals(name)) {
                    sum += ((Number) entry.getValue().metricValue()).doubleValue();
                }
            }
            return sum;
        }

        @Override
        public void close() {
            // Leaving the group lets a restart get its tasks at once, not after the session timeout.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            leads.close();
            enriched.close();
        }
    }
}
