package io.clayflow.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.LeadEnricher;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.fakes.hubspot.HubSpotStats;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.stack.ClaySimulatorPart;
import io.clayflow.stack.HubSpotPart;
import io.clayflow.stack.LocalStack;
import io.clayflow.stack.StackConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake's enrichment cache end to end, on the whole local stack (real broker and registry, intake, the Clay sink and
 * simulator, the gateway, routing, the HubSpot sink and fake) with the default {@code cache.policy=cached}: the same
 * person three times, as case and space variants from three sources, costs one Clay row and reaches the CRM three
 * times; the second touch arrives while the first is still at Clay, is held, and is published after Clay's record.
 * The other policies ({@code drop}, {@code reenrich}) are intake settings, checked on the real broker in intake's
 * {@code IntakeEnrichmentCacheIT}.
 */
@Tag("integration")
class EnrichmentCacheIT {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    /** How long the simulated Clay table takes to call back: the second touch arrives well inside it. */
    private static final int CLAY_DELAY_MS = 3_000;

    @TempDir
    static Path dataDir;

    private static StackConfig config;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        List<Integer> ports = FreePorts.take(StackConfig.PORT_KEYS.size());
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            props.put(StackConfig.PORT_KEYS.get(i), Integer.toString(ports.get(i)));
        }
        props.put(StackConfig.DATA_DIR, dataDir.toString());
        props.put("override.simulator.enrichment.delay.ms", Integer.toString(CLAY_DELAY_MS));
        config = StackConfig.load(null, Map.of(), props);
        stack = LocalStack.create(config);
        stack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeTouchesOfOnePersonCostOneClayRowAndReachTheCrmThreeTimes() {
        ClaySimulator clay = stack.part(ClaySimulatorPart.class).running();
        HubSpotSimulator hubspot = stack.part(HubSpotPart.class).running();
        TopicContents topics = new TopicContents(config.bootstrapServers());
        String domain = hotDomain(clay.config().seed());
        long begin = System.nanoTime();

        produce(touch("web-form", "Jane.Doe@" + domain, "Jane", "form-1"));
        await("the first touch released to Clay").atMost(FLOW_TIMEOUT)
                .until(() -> topics.read(Topics.LEADS_CLAY_OUTBOX).size() == 1);
        // The second touch, while Clay still works on the first row (it calls back after CLAY_DELAY_MS).
        produce(touch("crm-event", "  JANE.DOE@" + domain.toUpperCase() + " ", "  Jane ", "deal-77"));
        boolean inFlightWhenSecondSent = topics.read(Topics.LEADS_ENRICHED).isEmpty();
        await("Clay's record, then the held touch").atMost(FLOW_TIMEOUT)
                .until(() -> topics.read(Topics.LEADS_ENRICHED).size() == 2);
        produce(touch("csv-import", "jane.doe@" + domain + "\t", "JANE", "row-12"));
        await("the third touch, from the cache").atMost(FLOW_TIMEOUT)
                .until(() -> topics.read(Topics.LEADS_ENRICHED).size() == 3);
        await("three touches in the CRM").atMost(FLOW_TIMEOUT)
                .until(() -> hubspot.stats().inputsReceived() >= 3);
        double seconds = (System.nanoTime() - begin) / 1e9;

        List<EnrichedLead> enriched = decode(topics.read(Topics.LEADS_ENRICHED), EnrichedLead.class);
        HubSpotStats crm = hubspot.stats();
        System.out.printf("Enrichment cache: 3 touches -> outbox %d, Clay rows %d, leads.enriched %s, CRM inputs %d "
                        + "(created %d, updated %d), leads.route.crm %d, in %.1f s%n",
                topics.read(Topics.LEADS_CLAY_OUTBOX).size(), clay.stats().rowsAdded(),
                enriched.stream().map(e -> e.getEnrichmentSource() + "/" + e.getSource()).toList(),
                crm.inputsReceived(), crm.contactsCreated(), crm.contactsUpdated(),
                topics.read(Topics.LEADS_ROUTE_CRM).size(), seconds);

        assertThat(topics.read(Topics.LEADS_CLAY_OUTBOX)).as("rows sent to Clay").hasSize(1);
        assertThat(clay.stats().rowsReceived()).as("rows Clay received").isEqualTo(1);
        assertThat(inFlightWhenSecondSent).as("the second touch was sent while the first was at Clay").isTrue();
        // One key, one partition: the topic's order is the order published.
        assertThat(enriched).extracting(EnrichedLead::getEnrichmentSource, EnrichedLead::getSource).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CLAY, "web-form"),
                org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CACHE, "crm-event"),
                org.assertj.core.groups.Tuple.tuple(EnrichmentSources.CACHE, "csv-import"));
        assertThat(enriched).extracting(EnrichedLead::getLeadId).containsOnly(enriched.get(0).getLeadId());
        assertThat(enriched).extracting(EnrichedLead::getEnrichedAt).containsOnly(enriched.get(0).getEnrichedAt());
        assertThat(enriched).extracting(EnrichedLead::getIcpScore).containsOnly(enriched.get(0).getIcpScore());
        assertThat(enriched).extracting(EnrichedLead::getSourceId).containsExactly("form-1", "deal-77", "row-12");

        assertThat(topics.read(Topics.LEADS_ROUTE_CRM)).as("routed to the CRM").hasSize(3);
        assertThat(crm.inputsReceived()).as("touches the CRM received").isEqualTo(3);
        assertThat(crm.contactsCreated()).isEqualTo(1);
        assertThat(crm.contactsUpdated()).isEqualTo(2);
        assertThat(hubspot.contacts()).hasSize(1);
    }

    /** A company domain whose VP the simulated Clay table scores as a hot lead (ICP >= 80, a work email). */
    private static String hotDomain(long seed) {
        LeadEnricher enricher = new LeadEnricher(seed);
        for (int i = 0; i < 1_000; i++) {
            String domain = "cachecorp" + i + ".com";
            JsonObject lead = enricher.enrich(new JsonObject().put("lead_id", "probe").put("email", "jane.doe@" + domain)
                    .put("company_domain", domain).put("title", "VP Sales").put("first_name", "Jane")
                    .put("last_name", "Doe"));
            if (lead.getInteger("icp_score") >= 80 && lead.getString("work_email") != null) {
                return domain;
            }
        }
        throw new AssertionError("No hot domain among 1,000 candidates");
    }

    private static Lead touch(String source, String email, String firstName, String sourceId) {
        return Lead.newBuilder().setEmail(email).setFirstName(firstName).setLastName("Doe").setTitle("VP Sales")
                .setSource(source).setSourceId(sourceId).setOccurredAt(Instant.now())
                .setAttributes(Map.of("channel", source)).build();
    }

    private static void produce(Lead lead) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", config.registryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.LEADS_RAW, lead.getSourceId(), lead));
            producer.flush();
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
}
