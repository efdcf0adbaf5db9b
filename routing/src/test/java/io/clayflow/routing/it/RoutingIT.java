package io.clayflow.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.routing.Route;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.routing.RoutingTopology;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.WireFormat;
import io.clayflow.streams.DeadLetter;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The routing app on a real broker and a real Apicurio registry, exactly-once, with the shipped rules: 300 leads on a
 * 4-partition leads.enriched, in two batches with a restart between them, plus poison records. Every lead arrives
 * exactly once on each route its score and work email select, and on no other; poison goes to the DLQ. The expected
 * routes are computed here from the rules as the README states them, not with the app's code.
 */
@ClayflowIntegrationTest
class RoutingIT {

    private static final int FIRST_BATCH = 200;
    private static final int SECOND_BATCH = 100;
    private static final int PARTITIONS = 4;
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void everyLeadReachesEachRouteItsRulesSelectExactlyOnceAndNoOther(KafkaBroker kafka,
                                                                      SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(Topics.LEADS_ENRICHED, PARTITIONS);
        for (Route route : Route.values()) {
            kafka.createTopic(route.topic(), PARTITIONS);
        }
        kafka.createTopic(Topics.LEADS_DLQ, 1);

        Map<String, Object> props = new HashMap<>(RoutingConfig.classpathDefaults());
        props.put(RoutingConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(RoutingConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(RoutingConfig.APPLICATION_ID, "routing-it");
        props.put("streams.state.dir", Files.createTempDirectory("routing-it").toString());
        props.put("streams.commit.interval.ms", "200");
        props.put("streams.num.stream.threads", "2");
        RoutingConfig config = new RoutingConfig(props);

        List<EnrichedLead> leads = new ArrayList<>();
        for (int i = 0; i < FIRST_BATCH + SECOND_BATCH; i++) {
            leads.add(lead(i));
        }
        List<byte[]> poison = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             GenericAvroSerde serde = new GenericAvroSerde()) {
            serializer.configure(config.serdeConfigs(), false);
            serde.configure(config.serdeConfigs(), false);

            kafka.produceAll(records(serializer, leads.subList(0, FIRST_BATCH)));
            runUntil(config, serde, kafka, FIRST_BATCH);

            // A second instance of the app resumes where the first left off: nothing is routed twice.
            byte[] valid = serializer.serialize(Topics.LEADS_ENRICHED, leads.get(0));
            byte[] wrongMagic = valid.clone();
            wrongMagic[0] = 1;
            poison.add(wrongMagic);
            poison.add("{\"lead_id\":\"json\"}".getBytes(StandardCharsets.UTF_8));
            List<ProducerRecord<byte[], byte[]>> second = records(serializer, leads.subList(FIRST_BATCH, leads.size()));
            poison.forEach(bytes -> second.add(new ProducerRecord<>(Topics.LEADS_ENRICHED,
                    "poison".getBytes(StandardCharsets.UTF_8), bytes)));
            kafka.produceAll(second);
            runUntil(config, serde, kafka, leads.size());
        }

        // Read every committed record of every route once the app has stopped: a duplicate would show here.
        Map<Route, List<ConsumerRecord<byte[], byte[]>>> routed = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            routed.put(route, readAll(kafka, route.topic()));
        }
        try (GenericAvroSerde serde = new GenericAvroSerde()) {
            serde.configure(config.serdeConfigs(), false);
            for (Route route : Route.values()) {
                Set<String> expected = leads.stream().filter(lead -> expectedRoutes(lead).contains(route))
                        .map(EnrichedLead::getLeadId).collect(Collectors.toSet());
                List<String> keys = routed.get(route).stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
                assertThat(keys).as("lead ids on %s", route.topic()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(routed.get(route)).as("values on %s", route.topic()).allSatisfy(record ->
                        assertThat(serde.deserializer().deserialize(route.topic(), record.value()).get("lead_id"))
                                .hasToString(new String(record.key(), StandardCharsets.UTF_8)));
            }
        }
        assertThat(routed.get(Route.CRM)).hasSizeGreaterThan(10);
        assertThat(routed.get(Route.NURTURE)).hasSizeGreaterThan(10);
        assertThat(routed.get(Route.WAREHOUSE)).hasSize(leads.size());
        // Each warehouse record names its lead's routes; those naming the warehouse alone are the unrouted leads.
        Map<String, String> routesOf = leads.stream().collect(Collectors.toMap(EnrichedLead::getLeadId,
                lead -> expectedRoutes(lead).stream().map(Route::ruleName).collect(Collectors.joining(","))));
        assertThat(routed.get(Route.WAREHOUSE)).allSatisfy(record -> assertThat(new String(
                record.headers().lastHeader(RouteHeaders.ROUTES).value(), StandardCharsets.UTF_8))
                .isEqualTo(routesOf.get(new String(record.key(), StandardCharsets.UTF_8))));
        assertThat(routesOf.values()).filteredOn(RouteHeaders.WAREHOUSE_ONLY::equals).hasSizeGreaterThan(10);

        // Each route subject exists, and the registry gave the route records the input's schema id.
        try (SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()))) {
            int inputId = client.idOf(Topics.valueSubject(Topics.LEADS_ENRICHED), EnrichedLead.getClassSchema());
            for (Route route : Route.values()) {
                assertThat(client.versions(Topics.valueSubject(route.topic()))).as(route.topic()).isNotEmpty();
                assertThat(routed.get(route)).allSatisfy(record ->
                        assertThat(WireFormat.schemaId(route.topic(), record.value())).isEqualTo(inputId));
            }
        }

        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(kafka, Topics.LEADS_DLQ);
        assertThat(dlq).hasSize(poison.size());
        assertThat(dlq).allSatisfy(record -> {
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.STAGE))
                    .isEqualTo(Stage.ROUTING_DECODE.wireName());
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.REASON)).isEqualTo("decode.magic_byte");
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_ENRICHED);
        });
        assertThat(dlq.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList())
                .containsExactlyInAnyOrderElementsOf(poison.stream()
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList());
    }

    /** Runs one instance of the app until the warehouse holds {@code leads} records, then closes it, leaving the group. */
    private static void runUntil(RoutingConfig config, GenericAvroSerde serde, KafkaBroker kafka, int leads) {
        try (KafkaStreams streams = new KafkaStreams(RoutingTopology.buildTopology(config, serde),
                config.streamsProperties())) {
            streams.start();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(readAll(kafka, Topics.LEADS_ROUTE_WAREHOUSE)).hasSizeGreaterThanOrEqualTo(leads));
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    /** The routes the shipped rules give a lead, from the rules as documented. */
    private static Set<Route> expectedRoutes(EnrichedLead lead) {
        Set<Route> routes = EnumSet.of(Route.WAREHOUSE);
        Integer score = lead.getIcpScore();
        boolean workEmail = lead.getWorkEmail() != null && !lead.getWorkEmail().isEmpty();
        if (score != null && score >= 80 && workEmail) {
            routes.add(Route.CRM);
            routes.add(Route.OUTREACH);
        } else if (score != null && score >= 50) {
            routes.add(Route.NURTURE);
        }
        return routes;
    }

    /** Lead i: scores cycle through 0..100, with some leads missing the score or the work email. */
    private static EnrichedLead lead(int i) {
        return EnrichedLead.newBuilder()
                .setLeadId("lead-" + i)
                .setEmail("person" + i + "@company" + (i % 20) + ".com")
                .setSource("routing-it")
                .setOccurredAt(AT)
                .setWorkEmail(i % 7 == 0 ? null : i % 23 == 0 ? "" : "person" + i + "@company" + (i % 20) + ".com")
                .setIcpScore(i % 17 == 0 ? null : (i * 37) % 101)
                .setCountry(i % 2 == 0 ? "US" : "DE")
                .setEnrichment(Map.of("row", Integer.toString(i)))
                .setEnrichedAt(AT.plusSeconds(i))
                .build();
    }

    private static List<ProducerRecord<byte[], byte[]>> records(KafkaAvroSerializer serializer,
                                                                List<EnrichedLead> leads) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (EnrichedLead lead : leads) {
            records.add(new ProducerRecord<>(Topics.LEADS_ENRICHED, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(Topics.LEADS_ENRICHED, lead)));
        }
        return records;
    }

    /** Every committed record of a topic: reads each partition up to its last stable offset. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker kafka, String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed, the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Set<TopicPartition> open = new HashSet<>(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            assertThat(open).as("partitions of %s not read to their end", topic).isEmpty();
            return records;
        }
    }
}
