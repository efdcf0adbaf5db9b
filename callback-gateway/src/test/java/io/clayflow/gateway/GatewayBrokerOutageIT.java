package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.clayflow.schemas.Lead;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.InJvmKafkaBroker;
import io.clayflow.testsupport.RestartableKafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonObject;

/**
 * Kafka failing under the gateway: while the broker cannot persist (or is gone) requests get 503 and never a 2xx;
 * once it can again a retry succeeds, and everything acknowledged before is on the topic.
 */
@ClayflowIntegrationTest
class GatewayBrokerOutageIT {

    private static final Map<String, String> FAST_FAILING = Map.of("produce.timeout.ms", "3000",
            "kafka.request.timeout.ms", "1000", "kafka.delivery.timeout.ms", "2000", "kafka.max.block.ms", "2000",
            "shutdown.timeout.ms", "2000");

    /**
     * The broker stops (its controller and logs stay) and starts again on the same port: 503 with Retry-After while
     * it is down, never a 2xx; a retry succeeds once it is back; everything acknowledged before is on the topic.
     */
    @Test
    void withTheBrokerStoppedRequestsGet503AndOnceItIsBackARetrySucceeds(SchemaRegistryServer registry)
            throws Exception {
        String prefix = "gateway-outage-restart-it";
        String raw = prefix + ".leads.raw";
        List<String> acknowledged = new ArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start()) {
            kafka.createTopic(raw, 1);
            kafka.createTopic(prefix + ".leads.enriched", 1);
            try (GatewayUnderTest gateway = GatewayUnderTest.start(kafka, registry, prefix, FAST_FAILING)) {
                for (int i = 0; i < 5; i++) {
                    assertThat(post(gateway, sequence, acknowledged)).isEqualTo(202);
                }

                kafka.stopBroker();
                long start = System.nanoTime();
                HttpResponse<String> refused = gateway.leads("{\"source\": \"outage\", \"source_id\": \"refused\"}");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                for (int i = 0; i < 3; i++) {
                    assertThat(post(gateway, sequence, acknowledged)).as("while the broker is down").isEqualTo(503);
                }
                assertThat(gateway.get(gateway.management("/health/ready")).statusCode()).isEqualTo(503);

                kafka.startBroker();
                await().atMost(Duration.ofSeconds(60)).until(() -> post(gateway, sequence, acknowledged) == 202);
                assertThat(gateway.get(gateway.management("/health/ready")).statusCode()).isEqualTo(200);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(6);
            List<ConsumerRecord<String, Lead>> records = new GatewayUnderTest.Reader(registry.url())
                    .consume(kafka, raw, acknowledged.size());
            assertThat(records).extracting(r -> r.value().getSourceId()).containsAll(acknowledged);
        }
    }

    /**
     * A broker that is gone for good (test-support's in-JVM broker, closed): 503 with Retry-After within the bound and
     * readiness down; a gateway configured for a new broker takes requests.
     */
    @Test
    void aBrokerGoneForGoodGets503AndAGatewayOnANewBrokerTakesRequests(SchemaRegistryServer registry) throws Exception {
        String prefix = "gateway-outage-stop-it";
        InJvmKafkaBroker first = InJvmKafkaBroker.start();
        boolean closed = false;
        try {
            first.createTopic(prefix + ".leads.raw", 1);
            first.createTopic(prefix + ".leads.enriched", 1);
            try (GatewayUnderTest gateway = GatewayUnderTest.start(first, registry, prefix, FAST_FAILING)) {
                assertThat(gateway.leads("{\"source\": \"outage\"}").statusCode()).isEqualTo(202);
                first.close();
                closed = true;

                long start = System.nanoTime();
                HttpResponse<String> refused = gateway.leads("{\"source\": \"outage\"}");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(gateway.get(gateway.management("/health/ready")).statusCode()).isEqualTo(503);
            }
        } finally {
            if (!closed) {
                first.close();
            }
        }
        try (InJvmKafkaBroker second = InJvmKafkaBroker.start()) {
            second.createTopic(prefix + ".leads.raw", 1);
            second.createTopic(prefix + ".leads.enriched", 1);
            try (GatewayUnderTest gateway = GatewayUnderTest.start(second, registry, prefix, FAST_FAILING)) {
                HttpResponse<String> accepted = gateway.leads("{\"source\": \"outage\", \"source_id\": \"back\"}");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                assertThat(new GatewayUnderTest.Reader(registry.url()).<Lead>consume(second, prefix + ".leads.raw", 1))
                        .extracting(r -> r.value().getSourceId()).containsExactly("back");
            }
        }
    }

    private static int post(GatewayUnderTest gateway, AtomicInteger sequence, List<String> acknowledged)
            throws Exception {
        String id = "outage-" + sequence.incrementAndGet();
        HttpResponse<String> response = gateway.leads("{\"source\": \"outage\", \"source_id\": \"" + id + "\"}");
        assertThat(response.statusCode()).as(response.body()).isIn(202, 503);
        if (response.statusCode() == 202) {
            assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(1);
            acknowledged.add(id);
        }
        return response.statusCode();
    }
}
