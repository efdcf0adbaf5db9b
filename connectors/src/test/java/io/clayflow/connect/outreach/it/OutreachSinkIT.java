package io.clayflow.connect.outreach.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.OutreachSimulator;
import io.clayflow.fakes.outreach.Prospect;
import io.clayflow.fakes.outreach.SequenceState;
import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Outreach sink in a real Connect worker (loaded from the packaged plugin only), reading routed leads from a real
 * broker with a real schema registry, writing to the Outreach simulator.
 */
@ClayflowIntegrationTest
class OutreachSinkIT {

    private static final String TOKEN = "it-token";
    private static final long SEQUENCE = 21;
    private static final long MAILBOX = 4;
    private static final String SEQUENCE_STATES = "POST /api/v2/sequenceStates";
    private static final AtomicInteger RUN = new AtomicInteger();
    private static ConnectWorker worker;

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private OutreachSimulator outreach;

    OutreachSinkIT(KafkaBroker kafka, SchemaRegistryServer registry) {
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
    void stopOutreach() {
        if (outreach != null) {
            outreach.close();
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromThePluginPathOnly() {
        assertThatThrownBy(() -> Class.forName("io.clayflow.connect.outreach.OutreachSinkConnector"))
                .as("the connector must not be on the test classpath").isInstanceOf(ClassNotFoundException.class);
        assertThat(worker.plugins().findValuesAsText("class"))
                .contains("io.clayflow.connect.outreach.OutreachSinkConnector");
    }

    @Test
    void everyRoutedLeadBecomesOneProspectInTheSequenceAlsoWhenRedelivered() {
        outreach = OutreachSimulator.start(fake().build());
        String topic = route(2);
        List<EnrichedLead> leads = leads(topic, 40);
        produce(topic, leads);

        startConnector(topic, Map.of());
        await().atMost(Duration.ofSeconds(90)).until(() -> outreach.sequenceStates(SEQUENCE).size() >= leads.size());
        assertOnePerLead(leads);

        // Redelivery: the same records again (as after an offset reset or a producer retry).
        produce(topic, leads);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> outreach.stats().answered(SEQUENCE_STATES, 422) >= leads.size());

        assertOnePerLead(leads);
        assertThat(outreach.stats().answered("POST /api/v2/prospects", 201)).as("prospects created")
                .isEqualTo(leads.size());
        assertThat(outreach.stats().answered("PATCH /api/v2/prospects/{id}")).as("needless updates").isZero();
        assertThat(outreach.stats().withStatus(500) + outreach.stats().withStatus(400)).isZero();
        assertThat(deadLetterCount(topic)).as("dead letters").isZero();
        assertThat(worker.status("outreach-" + topic).path("tasks").path(0).path("state").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void aProspectAlreadyEnrolledBeforeTheSinkRunsGivesNoError() {
        outreach = OutreachSimulator.start(fake().build());
        Prospect enrolled = outreach.addProspect(new JsonObject()
                .put("emails", new JsonArray().add("early.bird@acme.com")).put("firstName", "Early"));
        outreach.enroll(enrolled.id(), SEQUENCE, MAILBOX);
        String topic = route(1);
        EnrichedLead early = lead(topic, 0).setEmail("Early.Bird@acme.com").setFirstName("Early").build();
        EnrichedLead after = lead(topic, 1).build();
        produce(topic, List.of(early, after));

        startConnector(topic, Map.of());
        // One partition: once the lead after it is in the sequence, the early one has been handled.
        await().atMost(Duration.ofSeconds(60)).until(() -> outreach.sequenceStates(SEQUENCE).size() >= 2);

        assertThat(outreach.stats().answered(SEQUENCE_STATES, 422)).as("Outreach said: already in it").isEqualTo(1);
        assertThat(outreach.prospects()).hasSize(2);
        assertThat(outreach.sequenceStates(SEQUENCE)).extracting(SequenceState::prospectId)
                .containsOnlyOnce(enrolled.id());
        assertThat(deadLetterCount(topic)).as("dead letters").isZero();
        assertThat(worker.status("outreach-" + topic).path("tasks").path(0).path("state").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void atTheHourlyLimitTheSinkWaitsForTheResetAndLosesNothing() {
        // Outreach's 10,000/hour squeezed into 15 requests per 4 s; the sink's own limiter left high, so Outreach's
        // 429 and X-RateLimit-Reset are what it must honour. 20 leads need ~50 requests: several windows.
        outreach = OutreachSimulator.start(fake().rateLimit(15, Duration.ofSeconds(4)).build());
        String topic = route(1);
        List<EnrichedLead> leads = leads(topic, 20);
        produce(topic, leads);

        Instant start = Instant.now();
        startConnector(topic, Map.of("outreach.max.inline.wait.ms", "1000", "retry.backoff.initial.ms", "100",
                "circuit.failure.rate.threshold", "100"));
        await().atMost(Duration.ofSeconds(120)).until(() -> outreach.sequenceStates(SEQUENCE).size() >= leads.size());
        System.out.printf("Outreach sink at a limit of 15 requests per 4 s: %d leads in %d ms, %d requests, "
                        + "%d answered 429, %d early retries%n", leads.size(),
                Duration.between(start, Instant.now()).toMillis(), outreach.stats().requests(),
                outreach.stats().withStatus(429), outreach.stats().earlyRetries());

        assertOnePerLead(leads);
        assertThat(outreach.stats().withStatus(429)).as("the limit was reached").isPositive();
        assertThat(outreach.stats().earlyRetries()).as("requests before the announced reset").isZero();
        assertThat(deadLetterCount(topic)).as("dead letters").isZero();
    }

    @Test
    void aLeadOutreachRefusesOrWithoutAnEmailIsDeadLetteredWithItsReasonAndTheRestGoOn() {
        outreach = OutreachSimulator.start(fake().excludedDomain("rival.com").build());
        String topic = route(1);
        List<EnrichedLead> leads = new ArrayList<>(leads(topic, 6));
        leads.set(2, EnrichedLead.newBuilder(leads.get(2)).setEmail("spy@rival.com").setWorkEmail(null).build());
        leads.set(4, EnrichedLead.newBuilder(leads.get(4)).setEmail(null).setWorkEmail(null).build());
        produce(topic, leads);

        startConnector(topic, Map.of());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(topic + ".dlq", 2, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> outreach.sequenceStates(SEQUENCE).size() >= 4);

        Map<String, String> reasons = deadLetters.stream().collect(Collectors.toMap(
                r -> new String(r.key(), StandardCharsets.UTF_8), r -> header(r, "__connect.errors.exception.message")));
        assertThat(reasons).containsOnlyKeys(leads.get(2).getLeadId(), leads.get(4).getLeadId());
        assertThat(reasons.get(leads.get(2).getLeadId()))
                .contains("HTTP 422").contains("Contacts contact is using an excluded email address.");
        assertThat(reasons.get(leads.get(4).getLeadId())).contains("has no email").contains("work_email");
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, "__connect.errors.topic")).isEqualTo(topic));
        assertThat(outreach.sequenceStates(SEQUENCE)).hasSize(4);
    }

    @Test
    void aWrongTokenFailsTheTaskWithAClearMessage() {
        outreach = OutreachSimulator.start(fake().build());
        String topic = route(1);
        produce(topic, leads(topic, 1));
        String name = "outreach-" + topic;

        worker.putConnector(name, withDefaults(topic, Map.of("outreach.token", "expired-token")));
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(
                worker.status(name) == null ? null : worker.status(name).path("tasks").path(0).path("state").asText()));

        String trace = worker.status(name).path("tasks").path(0).path("trace").asText();
        assertThat(trace).contains("Outreach refused the access token (HTTP 401").contains("outreach.token")
                .doesNotContain("expired-token");
        assertThat(outreach.prospects()).isEmpty();
    }

    private void assertOnePerLead(List<EnrichedLead> leads) {
        Set<String> emails = leads.stream().map(EnrichedLead::getEmail).collect(Collectors.toSet());
        assertThat(outreach.prospects()).extracting(Prospect::firstEmail).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(outreach.sequenceStates(SEQUENCE)).hasSize(leads.size())
                .extracting(SequenceState::prospectId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(outreach.prospects().stream().map(Prospect::id).toList());
        assertThat(outreach.sequenceStates(SEQUENCE)).allSatisfy(s -> assertThat(s.mailboxId()).isEqualTo(MAILBOX));
        assertThat(outreach.prospects()).allSatisfy(p -> assertThat(p.attributes().getString("firstName")).isNotBlank());
    }

    private static OutreachConfig.Builder fake() {
        return OutreachConfig.builder().port(0).token(TOKEN).sequence(SEQUENCE).mailbox(MAILBOX);
    }

    private String route(int partitions) {
        String topic = "outreach-it-" + RUN.incrementAndGet() + ".leads.route.outreach";
        kafka.createTopic(topic, partitions);
        kafka.createTopic(topic + ".dlq", 1);
        return topic;
    }

    private void startConnector(String topic, Map<String, String> overrides) {
        String name = "outreach-" + topic;
        worker.putConnector(name, withDefaults(topic, overrides));
        worker.awaitRunning(name);
    }

    private Map<String, String> withDefaults(String topic, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.outreach.OutreachSinkConnector");
        // Every clayflow sink reads committed records only (see ReadCommitted), and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("outreach.base.url", outreach.baseUrl());
        config.put("outreach.token", TOKEN);
        config.put("outreach.sequence.id", Long.toString(SEQUENCE));
        config.put("outreach.mailbox.id", Long.toString(MAILBOX));
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.putAll(overrides);
        return config;
    }

    private List<EnrichedLead> leads(String topic, int count) {
        List<EnrichedLead> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(lead(topic, i).build());
        }
        return leads;
    }

    private static EnrichedLead.Builder lead(String topic, int i) {
        return EnrichedLead.newBuilder()
                .setLeadId(topic + "-lead-" + i)
                .setEmail("person" + i + "@acme" + (i % 5) + ".com")
                .setWorkEmail("person" + i + "@acme" + (i % 5) + ".com")
                .setFirstName("Person")
                .setLastName("Number" + i)
                .setCompanyName("Acme " + (i % 5))
                .setTitle(i % 3 == 0 ? "VP Sales" : "Engineer")
                .setIndustry("Software")
                .setCountry("US")
                .setIcpScore(85)
                .setSource("outreach-it")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z"));
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

    /** Records in the topic's DLQ (its end offset: the DLQ has one partition and is never compacted). */
    private long deadLetterCount(String topic) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(topic + ".dlq", 0);
            return consumer.endOffsets(List.of(dlq), Duration.ofSeconds(10)).get(dlq);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
