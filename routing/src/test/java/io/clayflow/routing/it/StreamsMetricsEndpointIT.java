package io.clayflow.routing.it;

import static io.clayflow.testsupport.PrometheusScrape.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.routing.Route;
import io.clayflow.routing.RoutingApp;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.streams.StreamsAppRunner;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.GrafanaDashboard;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.PrometheusScrape;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Intake and routing on a real broker and registry, each with its management port: {@code GET /metrics} shows the
 * funnel (released, duplicates dropped, routed per route), the budget and backlog gauges and the consumers' lag with
 * the values the records produced imply, and every metric the Grafana dashboard queries from a Streams app is there.
 */
@ClayflowIntegrationTest
class StreamsMetricsEndpointIT {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PEOPLE = 6;
    private static final int COPIES = 2;
    private static final int ENRICHED = 5;


    @Test
    void bothAppsServeTheirFunnelAndEveryMetricTheDashboardQueries(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_DLQ,
                Topics.LEADS_ENRICHED)) {
            kafka.createTopic(topic, 1);
        }
        for (Route route : Route.values()) {
            kafka.createTopic(route.topic(), 1);
        }

        IntakeConfig intakeConfig = IntakeConfig.LOADER.resolve(Map.of(
                IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                IntakeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                IntakeConfig.APPLICATION_ID, "metrics-it-intake",
                IntakeConfig.MANAGEMENT_HOST, "127.0.0.1",
                IntakeConfig.MANAGEMENT_PORT, "0",
                IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "1000",
                IntakeConfig.COST_ACTIONS_PER_ROW, "1",
                // Duplicates are counted as dropped here; the cache would hold them (this test has no Clay).
                IntakeConfig.CACHE_POLICY, "drop",
                "streams.state.dir", Files.createTempDirectory("metrics-it-intake").toString(),
                "streams.commit.interval.ms", "200"));
        RoutingConfig routingConfig = RoutingConfig.LOADER.resolve(Map.of(
                RoutingConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                RoutingConfig.SCHEMA_REGISTRY_URL, registry.url(),
                RoutingConfig.APPLICATION_ID, "metrics-it-routing",
                RoutingConfig.MANAGEMENT_HOST, "127.0.0.1",
                RoutingConfig.MANAGEMENT_PORT, "0",
                "streams.state.dir", Files.createTempDirectory("metrics-it-routing").toString(),
                "streams.commit.interval.ms", "200"));

        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(intakeConfig.serdeConfigs(), false);
            List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>();
            for (int i = 0; i < PEOPLE + COPIES; i++) {
                Lead lead = Lead.newBuilder().setEmail("person" + (i % PEOPLE) + "@acme.com").setSource("metrics-it")
                        .setOccurredAt(AT).build();
                raw.add(new ProducerRecord<>(Topics.LEADS_RAW, serializer.serialize(Topics.LEADS_RAW, lead)));
            }
            kafka.produceAll(raw);
            List<ProducerRecord<byte[], byte[]>> enriched = new ArrayList<>();
            for (int i = 0; i < ENRICHED; i++) {
                EnrichedLead lead = EnrichedLead.newBuilder().setLeadId("lead-" + i).setEmail("e" + i + "@acme.com")
                        .setSource("metrics-it").setOccurredAt(AT).setWorkEmail("e" + i + "@acme.com")
                        // Two hot, one cold (the warehouse's alone: unrouted), the rest warm.
                        .setIcpScore(i < 2 ? 90 : i == ENRICHED - 1 ? 30 : 60).setEnrichedAt(AT).build();
                enriched.add(new ProducerRecord<>(Topics.LEADS_ENRICHED, lead.getLeadId().getBytes(
                        StandardCharsets.UTF_8), serializer.serialize(Topics.LEADS_ENRICHED, lead)));
            }
            kafka.produceAll(enriched);
        }

        // Both apps run as their mains run them: one runner each, the management port bound before Streams starts.
        try (StreamsAppRunner intake = new StreamsAppRunner(new IntakeApp(intakeConfig), Duration.ofSeconds(10));
             StreamsAppRunner routing = new StreamsAppRunner(new RoutingApp(routingConfig), Duration.ofSeconds(10))) {
            intake.start();
            routing.start();

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String scrape = get(intake.managementPort());
                assertThat(sum(scrape, "kafka_stream_clayflow_intake_released_total")).isEqualTo(PEOPLE);
                assertThat(sum(scrape, "kafka_stream_clayflow_intake_duplicates_dropped_total"))
                        .isEqualTo(COPIES);
                assertThat(sum(scrape, "kafka_stream_clayflow_intake_budget_left")).isEqualTo(1000 - PEOPLE);
                assertThat(sum(scrape, "kafka_stream_clayflow_intake_backlog_size")).isZero();
            });
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String scrape = get(routing.managementPort());
                assertThat(sum(scrape, "kafka_stream_clayflow_routing_routed_warehouse_total"))
                        .isEqualTo(ENRICHED);
                assertThat(sum(scrape, "kafka_stream_clayflow_routing_routed_crm_total")).isEqualTo(2);
                assertThat(sum(scrape, "kafka_stream_clayflow_routing_routed_nurture_total"))
                        .isEqualTo(ENRICHED - 3);
                assertThat(sum(scrape, "kafka_stream_clayflow_routing_unrouted_total")).isEqualTo(1);
            });
            String intakeScrape = get(intake.managementPort());
            String routingScrape = get(routing.managementPort());
            // Kept for a reader who wants to see what Prometheus gets.
            Files.writeString(Path.of("target", "intake-metrics.txt"), intakeScrape);
            Files.writeString(Path.of("target", "routing-metrics.txt"), routingScrape);
            assertThat(intakeScrape).contains("app=\"intake\"");
            assertThat(routingScrape).contains("app=\"routing\"");

            Set<String> registered = new TreeSet<>(GrafanaDashboard.scrapedNames(intakeScrape));
            registered.addAll(GrafanaDashboard.scrapedNames(routingScrape));
            GrafanaDashboard dashboard = GrafanaDashboard.load();
            Set<String> queried = new TreeSet<>();
            for (String prefix : List.of("kafka_stream_", "kafka_consumer_", "kafka_producer_")) {
                queried.addAll(dashboard.metricNamesStartingWith(prefix));
            }
            assertThat(queried).as("Streams metrics the dashboard queries").isNotEmpty();
            assertThat(registered).as("what intake and routing serve at /metrics").containsAll(queried);
        }
    }

    private static String get(int port) throws Exception {
        return PrometheusScrape.fetch(URI.create("http://127.0.0.1:" + port + "/metrics"));
    }
}
