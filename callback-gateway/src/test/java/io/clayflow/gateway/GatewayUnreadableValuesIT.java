package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonObject;

/**
 * Issue 11 point 7 over real HTTP and a real broker and registry: a callback whose values Clay's formula and AI
 * columns produce ({@code 85.0}, {@code "85.0"}, {@code 85.5}, {@code "85%"}, {@code "N/A"}, ...) is published, the
 * unambiguous ones read, the others left empty with the raw value in {@code enrichment}, named in
 * {@code unreadable_fields} and counted on {@code /metrics}; a callback without a lead_id or a token is still refused
 * and publishes nothing.
 */
@ClayflowIntegrationTest
class GatewayUnreadableValuesIT {

    private static final String PREFIX = "gateway-unreadable-it";
    private static final String ENRICHED = PREFIX + ".leads.enriched";
    private static final String RAW = PREFIX + ".leads.raw";
    private static final Pattern UNREADABLE = Pattern.compile(
            "gateway_callback_unreadable_fields_total\\{field=\"([a-z_]+)\"[^}]*} ([0-9.]+)");
    private static GatewayUnderTest gateway;
    private static KafkaBroker broker;

    @BeforeAll
    static void start(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        broker = kafka;
        kafka.createTopic(ENRICHED, 1);
        kafka.createTopic(RAW, 1);
        gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of(CallbackConfig.COLUMNS, "ICP Score:icp_score"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theFiveScoresOfIssue11ArePublishedReadOrKeptRawAndCounted() throws Exception {
        Map<String, String> before = scrape();
        long offset = GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED);
        // Clay's column, named as the table names it; the value as Clay's JSON body carries it.
        Map<String, String> scores = new LinkedHashMap<>();
        scores.put("score-85.0", "85.0");
        scores.put("score-text-85.0", "\"85.0\"");
        scores.put("score-85.5", "85.5");
        scores.put("score-85pct", "\"85%\"");
        scores.put("score-na", "\"N/A\"");

        for (Map.Entry<String, String> score : scores.entrySet()) {
            HttpResponse<String> response = gateway.callback("{\"lead_id\": \"" + score.getKey()
                    + "\", \"ICP Score\": " + score.getValue() + ", \"Funding\": \"Series B\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("published");
        }

        List<ConsumerRecord<String, EnrichedLead>> records = gateway.consume(broker, ENRICHED, (int) offset + 5);
        Map<String, EnrichedLead> published = new LinkedHashMap<>();
        records.subList((int) offset, records.size()).forEach(r -> published.put(r.key(), r.value()));
        assertThat(published).containsOnlyKeys(scores.keySet());

        for (String read : List.of("score-85.0", "score-text-85.0")) {
            EnrichedLead lead = published.get(read);
            assertThat(lead.getIcpScore()).as(read).isEqualTo(85);
            assertThat(lead.getUnreadableFields()).as(read).isEmpty();
            assertThat(lead.getEnrichment()).as(read).containsExactly(Map.entry("Funding", "Series B"));
        }
        Map<String, String> raw = Map.of("score-85.5", "85.5", "score-85pct", "85%", "score-na", "N/A");
        raw.forEach((leadId, value) -> {
            EnrichedLead lead = published.get(leadId);
            assertThat(lead.getIcpScore()).as(leadId).isNull();
            assertThat(lead.getUnreadableFields()).as(leadId).containsExactly("icp_score");
            assertThat(lead.getEnrichment()).as(leadId)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("ICP Score", value, "Funding", "Series B"));
        });

        Map<String, String> after = scrape();
        assertThat(delta(before, after, "icp_score")).as("icp_score counted once per unreadable value").isEqualTo(3);
        assertThat(after.keySet()).as("a series per field from the start").contains("email", "occurred_at",
                "attributes", "work_email").doesNotContain("lead_id");
    }

    /** Values the gateway used to refuse with a 422: now published, the field empty and its raw value kept. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "icp_score    | 101                          | 101",
            "icp_score    | -1                           | -1",
            "icp_score    | \"high\"                     | high",
            "icp_score    | 99999999999999999999999      | 99999999999999999999999",
            "icp_score    | \"1; DROP TABLE leads;--\"     | 1; DROP TABLE leads;--",
            "email        | 7                            | 7",
            "work_email   | true                         | true",
            "attributes   | [\"x\"]                        | [\"x\"]",
            "attributes   | {\"k\": {\"n\": 1}}              | {\"k\":{\"n\":1}}",
            "enrichment   | \"x\"                          | x",
            "occurred_at  | \"yesterday\"                  | yesterday",
            "occurred_at  | -5                           | -5"})
    void aValueOfTheWrongShapeIsPublishedRawAndCounted(String field, String json, String raw) throws Exception {
        String leadId = "wrong-" + field + "-" + Integer.toHexString(json.hashCode());
        long count = gateway.server.metrics().unreadable(field);
        long offset = GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED);

        // This gateway maps Clay's "ICP Score" column to icp_score; the other columns are named like their field.
        String column = field.equals("icp_score") ? "ICP Score" : field;
        HttpResponse<String> response = gateway.callback("{\"lead_id\": \"" + leadId + "\", \"" + column + "\": "
                + json + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonArray("unreadable_fields").getList()).containsExactly(field);
        ConsumerRecord<String, EnrichedLead> record = gateway.<EnrichedLead>consume(broker, ENRICHED, (int) offset + 1)
                .get((int) offset);
        assertThat(record.key()).isEqualTo(leadId);
        assertThat(record.value().getUnreadableFields()).containsExactly(field);
        assertThat(record.value().getEnrichment()).containsExactly(Map.entry(column, raw));
        assertThat(gateway.server.metrics().unreadable(field)).isEqualTo(count + 1);
    }

    @Test
    void aCallbackWithoutLeadIdOrTokenIsStillRefusedAndPublishesNothing() throws Exception {
        long attempts = gateway.server.metrics().produceAttempts();
        long offsets = GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED, RAW);
        long counted = gateway.server.metrics().unreadable("icp_score");
        byte[] withLeadId = "{\"lead_id\": \"no-token\", \"icp_score\": \"N/A\"}".getBytes(StandardCharsets.UTF_8);

        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(gateway.callback("{\"icp_score\": \"N/A\", \"Funding\": \"Series B\"}"));
        refused.add(gateway.callback("{\"lead_id\": \"\", \"icp_score\": 85.0}"));
        refused.add(gateway.callback("{\"lead_id\": null, \"icp_score\": \"85%\"}"));
        refused.add(gateway.post("/v1/clay/callback", null, "application/json", withLeadId));
        refused.add(gateway.post("/v1/clay/callback", "not-the-token", "application/json", withLeadId));

        assertThat(refused).extracting(HttpResponse::statusCode).containsExactly(422, 422, 422, 401, 401);
        assertThat(new JsonObject(refused.get(0).body()).getJsonArray("validation_errors").getJsonObject(0)
                .getString("field")).isEqualTo("/lead_id");
        assertThat(gateway.server.metrics().produceAttempts()).isEqualTo(attempts);
        assertThat(GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED, RAW)).isEqualTo(offsets);
        assertThat(gateway.server.metrics().unreadable("icp_score")).isEqualTo(counted);
    }

    private static Map<String, String> scrape() throws Exception {
        Map<String, String> counts = new LinkedHashMap<>();
        Matcher matcher = UNREADABLE.matcher(gateway.get(gateway.management("/metrics")).body());
        while (matcher.find()) {
            counts.put(matcher.group(1), matcher.group(2));
        }
        return counts;
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String field) {
        return (long) (Double.parseDouble(after.getOrDefault(field, "0")) - Double.parseDouble(before.getOrDefault(field, "0")));
    }
}
