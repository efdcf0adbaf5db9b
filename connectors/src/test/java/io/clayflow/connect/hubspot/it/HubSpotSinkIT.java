package io.clayflow.connect.hubspot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotContact;
import io.clayflow.fakes.hubspot.HubSpotFaults;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot sink in a real Connect worker (loaded from the packaged plugin only), reading routed leads from a real
 * broker with their schemas in a real registry, upserting into the HubSpot fake over loopback HTTP.
 */
@ClayflowIntegrationTest
class HubSpotSinkIT {

    private static final String CONNECTOR = "io.clayflow.connect.hubspot.HubSpotSinkConnector";
    private static final AtomicInteger RUN = new AtomicInteger();
    private static ConnectWorker worker;

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private HubSpotSimulator hubspot;

    HubSpotSinkIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeAll
    static void startWorker(KafkaBroker kafka) {
        worker = ConnectWorker.start(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @AfterEach
    void stopHubSpot() {
        if (hubspot != null) {
            hubspot.close();
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromThePluginPathOnly() {
        assertThatThrownBy(() -> Class.forName(CONNECTOR)).as("the connector must not be on the test classpath")
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(worker.plugins().findValuesAsText("class")).contains(CONNECTOR);
    }

    @Test
    void everyRoutedLeadArrivesOnceInHubSpotAlsoWhenRedelivered() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
        String topic = routeTopic();
        List<EnrichedLead> leads = leads(topic, 300);
        produce(topic, leads);

        startConnector("hubspot-" + topic, topic, Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.stats().contactsCreated() >= 300);

        assertThat(hubspot.contacts()).hasSize(300);
        for (EnrichedLead lead : leads) {
            String email = lead.getEmail() != null ? lead.getEmail() : lead.getWorkEmail();
            HubSpotContact contact = hubspot.contact(email).orElseThrow(() -> new AssertionError("no contact " + email));
            assertThat(contact.properties()).as(email).containsEntry("clayflow_lead_id", lead.getLeadId())
                    .containsEntry("firstname", lead.getFirstName()).containsEntry("lastname", lead.getLastName())
                    .containsEntry("jobtitle", lead.getTitle()).containsEntry("company", lead.getCompanyName())
                    .containsEntry("website", lead.getCompanyDomain()).containsEntry("country", lead.getCountry());
        }
        long requestsFirstPass = hubspot.stats().requests();

        // Redelivery 1: the same records produced again. Redelivery 2: a second connector (a new consumer group)
        // reads the topic from the earliest offset, so all 600 records arrive once more.
        produce(topic, leads);
        await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.stats().contactsUpdated() >= 300);
        startConnector("hubspot-again-" + topic, topic, Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.stats().contactsUpdated() >= 900);

        System.out.printf("HubSpot sink: 300 leads -> %d contacts in %d requests; after 900 redelivered records: %d "
                        + "contacts, %d created, %d updated, %d requests%n", 300, requestsFirstPass,
                hubspot.contacts().size(), hubspot.stats().contactsCreated(), hubspot.stats().contactsUpdated(),
                hubspot.stats().requests());
        assertThat(hubspot.contacts()).as("redelivered contacts are updated, never duplicated").hasSize(300);
        assertThat(hubspot.stats().contactsCreated()).isEqualTo(300);
        // Created once, then updated by each of the three deliveries at least: starting the second connector
        // rebalances the worker, and the first one's uncommitted records may come once more (at least once).
        assertThat(hubspot.contacts()).allSatisfy(contact -> assertThat(contact.version()).isGreaterThanOrEqualTo(4));
        assertThat(requestsFirstPass).as("batches of up to 100: a handful of requests").isLessThanOrEqualTo(20);
        assertThat(hubspot.stats().requestsWithStatus(429)).isZero();
    }

    @Test
    void aContactHubSpotRefusesGivesOneDeadLetterWithItsReasonAndTheRestLand() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
        String topic = routeTopic();
        String dlq = topic + ".dlq";
        kafka.createTopic(dlq, 1);
        List<EnrichedLead> leads = new ArrayList<>(leads(topic, 20));
        leads.set(7, EnrichedLead.newBuilder(leads.get(7)).setEmail("ada.lovelace@@acme").build());
        produce(topic, leads);

        startConnector("hubspot-" + topic, topic, Map.of());

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(dlq, 1, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.contacts().size() >= 19);
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> dead = deadLetters.get(0);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(leads.get(7).getLeadId());
        assertThat(header(dead, "__connect.errors.exception.message")).contains("HTTP 207").contains("INVALID_EMAIL")
                .contains("ada.lovelace@@acme");
        assertThat(header(dead, "__connect.errors.exception.class.name"))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(header(dead, "__connect.errors.topic")).isEqualTo(topic);
        assertThat(header(dead, "__connect.errors.offset")).isNotBlank();
        assertThat(hubspot.contacts()).hasSize(19).extracting(c -> c.property("clayflow_lead_id"))
                .doesNotContain(leads.get(7).getLeadId());
        assertThat(hubspot.stats().inputErrors()).isEqualTo(1);
        await("still exactly one dead letter").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> recordsIn(dlq) == 1);
    }

    @Test
    void aLeadWithoutEmailAndAValueHubSpotRefusesWholeBatchAreEachDeadLetteredAlone() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).maxValueLength(500).build());
        String topic = routeTopic();
        String dlq = topic + ".dlq";
        kafka.createTopic(dlq, 1);
        List<EnrichedLead> leads = new ArrayList<>(leads(topic, 40));
        leads.set(3, EnrichedLead.newBuilder(leads.get(3)).setEmail(null).setWorkEmail(null).build());
        leads.set(22, EnrichedLead.newBuilder(leads.get(22)).setTitle("t".repeat(501)).build());
        produce(topic, leads);

        startConnector("hubspot-" + topic, topic, Map.of());

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(dlq, 2, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.contacts().size() >= 38);
        Map<String, String> reasons = new HashMap<>();
        deadLetters.forEach(dead -> reasons.put(new String(dead.key(), StandardCharsets.UTF_8),
                header(dead, "__connect.errors.exception.message")));
        assertThat(reasons).containsOnlyKeys(leads.get(3).getLeadId(), leads.get(22).getLeadId());
        assertThat(reasons.get(leads.get(3).getLeadId())).contains("has no email or work_email");
        assertThat(reasons.get(leads.get(22).getLeadId())).contains("HTTP 400 VALIDATION_ERROR").contains("jobtitle");
        assertThat(hubspot.contacts()).hasSize(38);
    }

    @Test
    void underA429StormTheSinkWaitsWhatHubSpotAsksAndNothingIsLost() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0)
                .faults(HubSpotFaults.none().with429Storm(Duration.ofSeconds(2))).build());
        String topic = routeTopic();
        produce(topic, leads(topic, 200));

        startConnector("hubspot-" + topic, topic, Map.of("retry.max.attempts", "3", "retry.backoff.initial.ms", "50",
                "circuit.minimum.calls", "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.stats().requestsWithStatus(429) >= 1);
        long atFirst429 = hubspot.stats().requests();
        await("Retry-After 2 s honoured for six seconds").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(9))
                .until(() -> hubspot.stats().requests() - atFirst429 <= 4);
        long inSixSeconds = hubspot.stats().requests() - atFirst429;
        hubspot.setFaults(HubSpotFaults.none());

        await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.contacts().size() >= 200);
        System.out.printf("HubSpot sink under a 429 storm (Retry-After: 2): %d requests in 6 s; after it: %d "
                + "contacts, %d requests in all%n", inSixSeconds, hubspot.contacts().size(), hubspot.stats().requests());
        assertThat(inSixSeconds).as("Retry-After 2 s honoured: about one request per 2 s").isBetween(1L, 4L);
        assertThat(hubspot.contacts()).hasSize(200);
        assertThat(hubspot.stats().contactsUpdated()).as("nothing was taken twice").isZero();
    }

    @Test
    void whileHubSpotAnswers5xxTheCircuitOpensConsumptionPausesAndEverythingArrivesAfter() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0)
                .faults(HubSpotFaults.none().withForcedStatus(503)).build());
        String topic = routeTopic();
        produce(topic, leads(topic, 200));

        startConnector("hubspot-" + topic, topic, Map.of("retry.max.attempts", "2", "retry.backoff.initial.ms", "50",
                "circuit.minimum.calls", "4", "circuit.open.wait.ms", "3000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.stats().requestsWithStatus(503) >= 4);
        long whenOpen = hubspot.stats().requests();
        await("at most a probe while the circuit is open").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> hubspot.stats().requests() - whenOpen <= 2);
        long inTwoSeconds = hubspot.stats().requests() - whenOpen;
        hubspot.setFaults(HubSpotFaults.none());

        await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.contacts().size() >= 200);
        System.out.printf("HubSpot sink while HubSpot answers 503: %d requests until the circuit opened, %d in the "
                + "next 2 s, %d in all%n", whenOpen, inTwoSeconds, hubspot.stats().requests());
        assertThat(inTwoSeconds).as("while the circuit is open: at most a probe").isLessThanOrEqualTo(2);
        assertThat(hubspot.contacts()).hasSize(200);
        assertThat(hubspot.stats().contactsUpdated()).isZero();
    }

    private String routeTopic() {
        String topic = "hubspot-it-" + RUN.incrementAndGet() + ".leads.route.crm";
        kafka.createTopic(topic, 2);
        return topic;
    }

    private void startConnector(String name, String topic, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR);
        // Every clayflow sink reads committed records only (see ReadCommitted), and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("hubspot.base.url", hubspot.baseUrl());
        config.put("hubspot.token", HubSpotConfig.DEFAULT_TOKEN);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.putAll(overrides);
        worker.putConnector(name, config);
        worker.awaitRunning(name);
    }

    /** Routed leads; every tenth has only a work email, which becomes its upsert key. */
    private static List<EnrichedLead> leads(String topic, int count) {
        List<EnrichedLead> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(EnrichedLead.newBuilder()
                    .setLeadId(topic + "-lead-" + i)
                    .setEmail(i % 10 == 9 ? null : "person" + i + "@acme" + (i % 7) + ".com")
                    .setWorkEmail("p" + i + "@acme" + (i % 7) + ".com")
                    .setFirstName("Person")
                    .setLastName("Number" + i)
                    .setCompanyName("Acme " + (i % 7))
                    .setCompanyDomain("acme" + (i % 7) + ".com")
                    .setTitle(i % 3 == 0 ? "VP Sales" : "Head of Growth")
                    .setSource("hubspot-it")
                    .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                    .setCountry(i % 2 == 0 ? "US" : "DE")
                    .setIndustry("Software")
                    .setIcpScore(80 + i % 20)
                    .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z"))
                    .build());
        }
        return leads;
    }

    private void produce(String topic, List<EnrichedLead> leads) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (EnrichedLead lead : leads) {
                records.add(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, lead)));
            }
        }
        kafka.produceAll(records);
    }

    /** Records on a topic, from its end offsets: the dead-letter topic is written without transactions. */
    private long recordsIn(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()),
                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
