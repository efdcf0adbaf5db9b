package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import io.clayflow.status.cost.CostFigures;
import io.clayflow.status.page.PipelineGauges;
import io.clayflow.status.page.StatusSnapshot;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cost ledger on a real broker and registry with the real intake app (its default {@code cache.policy=cached})
 * and the real callback gateway: 14 people from four sources, 6 repeats sent while their person is still at Clay,
 * and 8 Clay callbacks over HTTP, 7 of them reporting actual figures in columns mapped to the cost fields (one more
 * carries "N/A", which books nothing). A repeat waits for its person's enrichment and is then served from the cache
 * (a saving); csv2's person never calls back, so its repeat stays held and saves nothing yet. The figures of
 * {@code clayflow cost} (per source and per table, table and JSON), of {@code clayflow status} and the status app's
 * {@code clayflow_pipeline_cost_*} gauges, and intake's budget spend, each equal the hand count below.
 *
 * <p>Estimate per row: 2 Actions, 3 Data Credits, table {@code leads-main}. Hand count:
 * <pre>
 * source      rows actions           data credits       actual cache hits  saved actions/credits
 * web-form      5  4x1 + 2     =  6  4x7 + 3     = 31   4      2 (wf1, wf2)  2x2 = 4 / 2x3 = 6
 * csv-import    4  4x2         =  8  0 + 3x3     =  9   1      2 (wf3, csv1) 4 / 6   (csv2's repeat held)
 * api           3  5 + 5 + 2   = 12  3x3         =  9   2      0             0 / 0
 * crm-event     2  2x2         =  4  2x3         =  6   0      1 (api1)      2 / 3
 * total        14                30                55   7      5            10 / 15
 * table leads-eu (api1, api2: named by their callbacks): 2 rows, 10 Actions, 6 credits, 2 actual
 * table leads-main: the other 12 rows, 20 Actions, 49 credits, 5 actual, every saving (booked to cost.table)
 * </pre>
 * No repeat is dropped as a duplicate under {@code cached}: that column is 0 throughout.
 */
@OwnBrokerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostLedgerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OCCURRED = Instant.parse("2026-12-01T09:00:00Z");

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private IntakeRunner intake;
    private Callbacks callbacks;
    private PipelineStatus status;

    @BeforeAll
    void leadsThroughIntakeAndClaysCallbacks(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        kafka.createTopic(Topics.LEADS_RAW, 3);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, 3);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.LEADS_ENRICHED, 3);
        kafka.createTopic(Topics.COST_EVENTS, 3);
        intake = new IntakeRunner(kafka, registry, Files.createTempDirectory("cost-it"), Map.of(
                IntakeConfig.COST_ACTIONS_PER_ROW, "2", IntakeConfig.COST_DATA_CREDITS_PER_ROW, "3",
                IntakeConfig.COST_TABLE, "leads-main", IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "100000",
                IntakeConfig.BUDGET_DATA_CREDITS_PER_PERIOD, "100000"));

        // The people, then (once they are released) their repeats: case and space variants, any source.
        List<Lead> people = new ArrayList<>();
        people.addAll(people("web-form", "wf", 5));
        people.addAll(people("csv-import", "csv", 4));
        people.addAll(people("api", "api", 3));
        people.addAll(people("crm-event", "crm", 2));
        produce(people);
        Map<String, String> leadIdByEmail = new HashMap<>();
        kafka.consume(Topics.LEADS_CLAY_OUTBOX, 14, Duration.ofSeconds(60), new StringDeserializer(),
                intake.serde().deserializer()).forEach(r -> leadIdByEmail.put(r.value().getEmail(), r.key()));
        assertThat(leadIdByEmail).hasSize(14);
        produce(List.of(lead("web-form", " WF1@acme.com"), lead("web-form", "wf2@ACME.com "),
                lead("csv-import", "Wf3@acme.com"), lead("csv-import", "csv1@acme.com"),
                lead("csv-import", "CSV2@acme.com"), lead("crm-event", "api1@acme.com")));

        // Clay's callbacks through the real gateway, the cost columns named as a table would name them.
        callbacks = new Callbacks(kafka, registry);
        for (int n = 1; n <= 4; n++) {
            callbacks.post(leadIdByEmail.get("wf" + n + "@acme.com"), Map.of("Actions Used", 1, "Credits Used", "7"));
        }
        callbacks.post(leadIdByEmail.get("api1@acme.com"), Map.of("Actions Used", 5.0, "Table", "leads-eu"));
        callbacks.post(leadIdByEmail.get("api2@acme.com"), Map.of("Actions Used", "5", "Table", "leads-eu"));
        callbacks.post(leadIdByEmail.get("csv1@acme.com"), Map.of("Credits Used", 0));
        // A figure that is not a whole number is kept in enrichment; the estimate stands, nothing is booked.
        callbacks.post(leadIdByEmail.get("csv3@acme.com"), Map.of("Actions Used", "N/A"));

        // 14 estimates + 5 cache hits + 7 actuals (the callback without figures books nothing, the held repeat
        // nothing yet).
        List<CostEvent> ledger = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.consume(Topics.COST_EVENTS, 26, Duration.ofSeconds(60))) {
            ledger.add(CostEventSerde.decode(record.value()).orElseThrow());
        }
        assertThat(ledger).hasSize(26);
        try (StatusCollector collector = new StatusCollector(cluster(), StatusCollector.Options.defaults(),
                Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                PipelineStatus reading = collector.collect();
                assertThat(reading.cost()).isNotNull();
                assertThat(reading.cost().total().actualRows()).isEqualTo(7);
                assertThat(reading.creditsSpent()).as("budget corrected").isEqualTo(30);
            });
            status = collector.collect();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (intake != null) {
            intake.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    @Test
    void costBySourceAsJsonIsTheHandCount() throws Exception {
        CliRun run = CliRun.against(kafka, registry, "cost", "--from", "2h", "--by", "source", "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode groups = JSON.readTree(run.out()).get("groups");
        assertFigures(groups.get("web-form"), 5, 6, 31, 4, 0, 2, 4, 6);
        assertFigures(groups.get("csv-import"), 4, 8, 9, 1, 0, 2, 4, 6);
        assertFigures(groups.get("api"), 3, 12, 9, 2, 0, 0, 0, 0);
        assertFigures(groups.get("crm-event"), 2, 4, 6, 0, 0, 1, 2, 3);
        assertThat(groups.size()).isEqualTo(4);
        assertFigures(JSON.readTree(run.out()).get("total"), 14, 30, 55, 7, 0, 5, 10, 15);
    }

    @Test
    void costByTableAsATableIsTheHandCount() {
        CliRun run = CliRun.against(kafka, registry, "cost", "--from", "2h", "--by", "table");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("leads-eu\\s+2\\s+10\\s+6\\s+2\\s+0\\s+0\\s+0\\s+0")
                .containsPattern("leads-main\\s+12\\s+20\\s+49\\s+5\\s+0\\s+5\\s+10\\s+15")
                .containsPattern("total\\s+14\\s+30\\s+55\\s+7\\s+0\\s+5\\s+10\\s+15");
    }

    @Test
    void aRangeBeforeTheLeadsIsEmpty() throws Exception {
        CliRun run = CliRun.against(kafka, registry, "cost", "--from", "2h", "--to", "1h", "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertFigures(JSON.readTree(run.out()).get("total"), 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void statusShowsThePeriodsLedgerAndBothMetersSpent() {
        assertThat(status.cost().bySource().groups().get("web-form"))
                .isEqualTo(new CostFigures(5, 6, 31, 4, 0, 2, 4, 6));
        assertThat(status.cost().byTable().groups().get("leads-eu"))
                .isEqualTo(new CostFigures(2, 10, 6, 2, 0, 0, 0, 0));
        assertThat(status.cost().total()).isEqualTo(new CostFigures(14, 30, 55, 7, 0, 5, 10, 15));
        assertThat(status.creditsSpent()).as("Actions the budget spent: estimates replaced by Clay's").isEqualTo(30);
        assertThat(status.dataCreditsSpent()).as("Data Credits the budget spent").isEqualTo(55);
    }

    @Test
    void statusCommandPrintsTheLedger() throws Exception {
        CliRun run = CliRun.against(kafka, registry, "status", "--output", "json", "--connect-url",
                "http://127.0.0.1:1");
        JsonNode json = JSON.readTree(run.out());
        assertFigures(json.at("/cost/by_source/groups/csv-import"), 4, 8, 9, 1, 0, 2, 4, 6);
        assertFigures(json.at("/cost/by_table/groups/leads-main"), 12, 20, 49, 5, 0, 5, 10, 15);
        assertThat(json.at("/budget/data_credits_spent").asLong()).isEqualTo(55);
    }

    @Test
    void statusGaugesCarryTheLedgerPerSourceAndTable() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new PipelineGauges(meters, 100_000).update(new StatusSnapshot(status, status.collectedAt(), null, null));
        assertThat(gauge(meters, "source", "api", "actions")).isEqualTo(12);
        assertThat(gauge(meters, "source", "web-form", "data_credits")).isEqualTo(31);
        assertThat(gauge(meters, "source", "crm-event", "cache_hits")).isEqualTo(1);
        assertThat(gauge(meters, "source", "csv-import", "duplicates_dropped")).isZero();
        assertThat(gauge(meters, "source", "csv-import", "data_credits_saved")).isEqualTo(6);
        assertThat(gauge(meters, "table", "leads-main", "rows")).isEqualTo(12);
        assertThat(meters.find("clayflow.pipeline.data.credits.spent").gauge().value()).isEqualTo(55);
    }

    private static double gauge(SimpleMeterRegistry meters, String tag, String group, String figure) {
        return meters.find("clayflow.pipeline.cost." + tag).tags(tag, group, "figure", figure).gauge().value();
    }

    private static void assertFigures(JsonNode node, long rows, long actions, long dataCredits, long actual,
            long duplicates, long cacheHits, long actionsSaved, long dataCreditsSaved) {
        assertThat(node).as("group present").isNotNull();
        assertThat(List.of(node.get("rows").asLong(), node.get("actions").asLong(), node.get("data_credits").asLong(),
                node.get("actual_rows").asLong(), node.get("duplicates_dropped").asLong(),
                node.get("cache_hits").asLong(), node.get("actions_saved").asLong(),
                node.get("data_credits_saved").asLong()))
                .as(node.toString())
                .containsExactly(rows, actions, dataCredits, actual, duplicates, cacheHits, actionsSaved,
                        dataCreditsSaved);
    }

    private List<Lead> people(String source, String prefix, int count) {
        List<Lead> leads = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            leads.add(lead(source, prefix + n + "@acme.com"));
        }
        return leads;
    }

    private static Lead lead(String source, String email) {
        return Lead.newBuilder().setEmail(email).setSource(source).setOccurredAt(OCCURRED).build();
    }

    private void produce(List<Lead> leads) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        leads.forEach(lead -> records.add(new ProducerRecord<>(Topics.LEADS_RAW, null,
                intake.serde().serializer().serialize(Topics.LEADS_RAW, lead))));
        kafka.produceAll(records);
    }

    private ClusterSettings cluster() {
        return new ClusterSettings(kafka.bootstrapServers(), registry.url(), Map.of(), Duration.ofSeconds(30));
    }
}
