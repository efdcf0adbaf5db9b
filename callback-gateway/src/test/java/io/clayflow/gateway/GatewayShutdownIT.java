package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;

/** Graceful shutdown: new connections are refused, requests in flight get their answer, acknowledged means on the topic. */
@ClayflowIntegrationTest
class GatewayShutdownIT {

    private static final String PREFIX = "gateway-shutdown-it";

    @Test
    void inFlightRequestsFinishAndTheirRecordsArePersisted(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        kafka.createTopic(PREFIX + ".leads.enriched", 1);
        kafka.createTopic(PREFIX + ".leads.raw", 1);
        // A long linger keeps the records in the producer's buffer while the shutdown starts.
        GatewayUnderTest gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of("kafka.linger.ms", "1000"));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(gateway.http.sendAsync(HttpRequest.newBuilder(gateway.uri("/v1/clay/callback"))
                    .header("Authorization", "Bearer " + GatewayUnderTest.CALLBACK_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lead_id\": \"shutdown-" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.server.metrics().requestsInFlight().get() == 10);

        gateway.close();

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        List<ConsumerRecord<String, EnrichedLead>> records = gateway.consume(kafka, PREFIX + ".leads.enriched", 10);
        assertThat(records).extracting(ConsumerRecord::key).hasSize(10);
        assertThatThrownBy(() -> gateway.callback("{\"lead_id\": \"after\"}")).isInstanceOf(java.io.IOException.class);
    }
}
