package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.GrafanaDashboard;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonObject;

/** Clay callbacks end to end: mapping, acks, replays, tokens, the status codes, the document and the management port. */
@ClayflowIntegrationTest
class GatewayCallbackIT {

    private static final String PREFIX = "gateway-callback-it";
    private static final String ENRICHED = PREFIX + ".leads.enriched";
    private static final String RAW = PREFIX + ".leads.raw";
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(ENRICHED, 3);
        kafka.createTopic(RAW, 3);
        gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of(
                "callback.columns", "Lead ID:lead_id,Work Email:work_email,ICP Score:icp_score,Company Size:company_size"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void publishesTheMappedCallbackToLeadsEnrichedKeyedByLeadId(KafkaBroker kafka) throws Exception {
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> response = gateway.callback("""
                {"Lead ID": "lead-map-1", "email": "jane@acme.com", "first_name": "Jane", "Work Email": "jane@acme.io",
                 "ICP Score": "87", "Company Size": "51-200", "source": "web-form",
                 "occurred_at": "2026-01-31T12:00:00Z", "Funding Stage": "Series B", "Employees": 120,
                 "Tech": ["kafka", "vertx"], "Empty": null}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("published");
        List<ConsumerRecord<String, EnrichedLead>> records = gateway.consume(kafka, ENRICHED, 1);
        ConsumerRecord<String, EnrichedLead> record = records.stream().filter(r -> r.key().equals("lead-map-1"))
                .findFirst().orElseThrow();
        EnrichedLead lead = record.value();
        assertThat(record.partition()).isEqualTo(body.getInteger("partition"));
        assertThat(record.offset()).isEqualTo(body.getLong("offset"));
        EnrichedLead expected = EnrichedLead.newBuilder().setLeadId("lead-map-1").setEmail("jane@acme.com")
                .setFirstName("Jane").setWorkEmail("jane@acme.io").setIcpScore(87).setCompanySize("51-200")
                .setSource("web-form").setOccurredAt(Instant.parse("2026-01-31T12:00:00Z"))
                .setAttributes(Map.of())
                .setEnrichment(Map.of("Funding Stage", "Series B", "Employees", "120", "Tech", "[\"kafka\",\"vertx\"]"))
                .setEnrichedAt(lead.getEnrichedAt()).build();
        assertThat(lead).isEqualTo(expected);
        assertThat(lead.getEnrichedAt()).isAfter(before).isBefore(Instant.now().plusMillis(1));
    }

    @Test
    void aReplayedCallbackIsAnsweredWithoutASecondPublishAndAChangeIsPublished(KafkaBroker kafka) throws Exception {
        String first = """
                {"Lead ID": "lead-replay-1", "Work Email": "bob@acme.io", "ICP Score": 40}""";
        assertThat(gateway.callback(first).statusCode()).isEqualTo(200);
        long attempts = gateway.server.metrics().produceAttempts();

        HttpResponse<String> replay = gateway.callback(first);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(replay.body()).getString("status")).isEqualTo("replay");
        assertThat(gateway.server.metrics().produceAttempts()).isEqualTo(attempts);

        HttpResponse<String> update = gateway.callback("""
                {"Lead ID": "lead-replay-1", "Work Email": "bob@acme.io", "ICP Score": 75}""");
        assertThat(new JsonObject(update.body()).getString("status")).isEqualTo("published");

        List<ConsumerRecord<String, EnrichedLead>> records = gateway.consume(kafka, ENRICHED, 2);
        assertThat(records).filteredOn(r -> r.key().equals("lead-replay-1"))
                .extracting(r -> r.value().getIcpScore()).containsExactly(40, 75);
    }

    @Test
    void everyConfiguredTokenIsAcceptedSoASecretCanRotate() throws Exception {
        byte[] body = "{\"Lead ID\": \"lead-rotate-1\"}".getBytes();
        assertThat(gateway.post("/v1/clay/callback", GatewayUnderTest.CALLBACK_TOKEN, "application/json", body)
                .statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/clay/callback", GatewayUnderTest.CALLBACK_TOKEN_OLD, "application/json", body)
                .statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/clay/callback", GatewayUnderTest.LEADS_TOKEN, "application/json", body)
                .statusCode()).as("the leads token does not open the callback").isEqualTo(401);
    }

    @Test
    void refusalsCarryTheErrorBody() throws Exception {
        HttpResponse<String> unauthorized = gateway.post("/v1/clay/callback", null, "application/json",
                "{\"lead_id\":\"x\"}".getBytes());
        assertError(unauthorized, 401);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertError(gateway.post("/v1/nope", GatewayUnderTest.CALLBACK_TOKEN, "application/json", "{}".getBytes()),
                404);
        assertError(gateway.http.send(java.net.http.HttpRequest.newBuilder(gateway.uri("/v1/clay/callback"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()), 405);
        assertError(gateway.post("/v1/clay/callback", GatewayUnderTest.CALLBACK_TOKEN, "text/plain",
                "{\"lead_id\":\"x\"}".getBytes()), 415);
        assertError(gateway.post("/v1/clay/callback", GatewayUnderTest.CALLBACK_TOKEN, "application/json",
                ("{\"lead_id\":\"x\",\"big\":\"" + "a".repeat(20_000) + "\"}").getBytes()), 413);
        assertError(gateway.callback("{\"lead_id\": "), 400);
        HttpResponse<String> invalid = gateway.callback("{\"Work Email\": 5, \"ICP Score\": 101}");
        assertError(invalid, 422);
        assertThat(new JsonObject(invalid.body()).getJsonArray("validation_errors").stream()
                .map(e -> ((JsonObject) e).getString("field")).toList())
                .as("only the missing lead_id refuses it: odd values are published (GatewayUnreadableValuesIT)")
                .containsExactly("/Lead ID");
    }

    @Test
    void servesItsOpenApiDocument() throws Exception {
        HttpResponse<String> doc = gateway.get(gateway.uri("/openapi.yaml"));
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("openapi: 3.1.0", "/v1/clay/callback:", "/v1/leads:");
    }

    @Test
    void managementPortAnswersHealthAndMetrics() throws Exception {
        assertThat(gateway.get(gateway.management("/health/live")).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = gateway.get(gateway.management("/health/ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("kafka")).isEqualTo("UP");
        assertThat(gateway.callback("{\"Lead ID\": \"lead-metrics-1\"}").statusCode()).isEqualTo(200);
        // A request is timed when its response has ended on the server, which can come after the client has read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> metrics = gateway.get(gateway.management("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("gateway_http_requests_seconds_count{method=\"POST\",route=\"/v1/clay/callback\",status=\"200\"}")
                    .contains("gateway_http_requests_seconds_bucket")
                    .contains("gateway_produce_seconds_count{outcome=\"acked\",topic=\"" + ENRICHED + "\"}")
                    .contains("gateway_produce_in_flight")
                    .contains("gateway_http_requests_in_flight");
        });
        assertThat(gateway.get(gateway.uri("/metrics")).statusCode()).as("not on the public port").isEqualTo(404);
    }

    /** The gateway's part of the Grafana dashboard; the {@code clayflow_pipeline_*} gauges are the status app's. */
    @Test
    void servesEveryGatewayMetricTheDashboardQueriesAndNoPipelineGauges() throws Exception {
        assertThat(gateway.callback("{\"Lead ID\": \"lead-metrics-2\"}").statusCode()).isEqualTo(200);

        String scrape = gateway.get(gateway.management("/metrics")).body();

        assertThat(GrafanaDashboard.scrapedNames(scrape))
                .containsAll(GrafanaDashboard.load().metricNamesStartingWith("gateway_"))
                .noneMatch(name -> name.startsWith("clayflow_pipeline_"));
        assertThat(gateway.get(gateway.management("/status")).statusCode()).as("the status app's page").isEqualTo(404);
    }

    static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("code")).isEqualTo(status);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(body.getJsonArray("validation_errors")).isNotNull();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

}
