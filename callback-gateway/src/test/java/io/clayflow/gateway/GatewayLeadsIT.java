package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.clayflow.schemas.Lead;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonObject;

/** Lead intake over HTTP: one lead or a batch reaches leads.raw as Avro Lead, 202 only after the ack. */
@ClayflowIntegrationTest
class GatewayLeadsIT {

    private static final String PREFIX = "gateway-leads-it";
    private static final String RAW = PREFIX + ".leads.raw";
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(PREFIX + ".leads.enriched", 1);
        kafka.createTopic(RAW, 2);
        gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aPostedLeadArrivesOnLeadsRaw(KafkaBroker kafka) throws Exception {
        HttpResponse<String> response = gateway.leads("""
                {"lead_id": "raw-1", "email": "Ann@Example.com", "first_name": "Ann", "source": "web-form",
                 "occurred_at": 1767225600000, "attributes": {"utm_source": "ads", "consent": true}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(1);
        List<ConsumerRecord<String, Lead>> records = gateway.consume(kafka, RAW, 1);
        Lead lead = records.stream().filter(r -> "raw-1".equals(r.key())).findFirst().orElseThrow().value();
        assertThat(lead).isEqualTo(Lead.newBuilder().setLeadId("raw-1").setEmail("Ann@Example.com")
                .setFirstName("Ann").setSource("web-form").setOccurredAt(Instant.ofEpochMilli(1767225600000L))
                .setAttributes(Map.of("utm_source", "ads", "consent", "true")).build());
    }

    @Test
    void aBatchArrivesWhole(KafkaBroker kafka) throws Exception {
        HttpResponse<String> response = gateway.leads("""
                [{"source": "csv", "email": "b1@example.com", "source_id": "batch-1"},
                 {"source": "csv", "email": "b2@example.com", "source_id": "batch-2"},
                 {"source": "csv", "email": "b3@example.com", "source_id": "batch-3"}]""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(new JsonObject(response.body()).getJsonArray("records")).hasSize(3);
        List<ConsumerRecord<String, Lead>> records = gateway.consume(kafka, RAW, 3);
        assertThat(records).extracting(r -> r.value().getSourceId()).contains("batch-1", "batch-2", "batch-3");
        assertThat(records).filteredOn(r -> "csv".equals(r.value().getSource()))
                .allSatisfy(r -> assertThat(r.key()).isNull());
    }
}
