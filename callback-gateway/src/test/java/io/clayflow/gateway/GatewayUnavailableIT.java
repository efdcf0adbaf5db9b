package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.json.JsonObject;

/**
 * Kafka unreachable (a "broker" that accepts connections and never answers, so every bound is exercised) and the
 * in-flight bound: 503 with Retry-After, never a 2xx, never an unbounded queue.
 */
@ClayflowIntegrationTest
class GatewayUnavailableIT {

    private static final String PREFIX = "gateway-unavailable-it";
    private static ServerSocket blackhole;
    private static final List<Socket> accepted = new ArrayList<>();
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start(SchemaRegistryServer registry) throws Exception {
        blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!blackhole.isClosed()) {
                try {
                    Socket socket = blackhole.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }, "blackhole-broker");
        acceptor.setDaemon(true);
        acceptor.start();
        String bootstrap = "127.0.0.1:" + blackhole.getLocalPort();
        Map<String, String> settings = GatewayUnderTest.settings(bootstrap, registry.url(), PREFIX);
        settings.putAll(Map.of("produce.max.in.flight", "1", "produce.timeout.ms", "1000",
                "kafka.max.block.ms", "2000", "kafka.request.timeout.ms", "1000", "kafka.delivery.timeout.ms", "2000",
                "retry.after.seconds", "7", "readiness.timeout.ms", "500", "shutdown.timeout.ms", "1000"));
        gateway = GatewayUnderTest.start(settings, bootstrap, registry.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        blackhole.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void kafkaThatDoesNotAnswerGets503WithRetryAfterWithinTheBound() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.server.metrics() != null
                && gatewayInFlight() == 0);
        long start = System.nanoTime();
        HttpResponse<String> response = gateway.callback("{\"lead_id\": \"down-1\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        GatewayCallbackIT.assertError(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        HttpResponse<String> leads = gateway.leads("{\"source\": \"web\"}");
        assertThat(leads.statusCode()).isEqualTo(503);
    }

    @Test
    void readinessIsDownWhileKafkaDoesNotAnswer() throws Exception {
        HttpResponse<String> ready = gateway.get(gateway.management("/health/ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        JsonObject body = new JsonObject(ready.body());
        assertThat(body.getString("kafka")).startsWith("DOWN");
        assertThat(body.getString("schema_registry")).isEqualTo("UP");
        assertThat(gateway.get(gateway.management("/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void pastTheInFlightBoundRequestsGet503AtOnce() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> gatewayInFlight() == 0);
        CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() -> {
            try {
                return gateway.callback("{\"lead_id\": \"hold-1\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> gatewayInFlight() == 1);

        long start = System.nanoTime();
        HttpResponse<String> refused = gateway.callback("{\"lead_id\": \"over-1\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        GatewayCallbackIT.assertError(refused, 503);
        assertThat(new JsonObject(refused.body()).getString("message")).contains("limit");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(took).as("refused without queueing").isLessThan(Duration.ofMillis(500));
        assertThat(holding.get().statusCode()).isEqualTo(503);
    }

    private static int gatewayInFlight() throws Exception {
        String metrics = gateway.get(gateway.management("/metrics")).body();
        return metrics.lines().filter(l -> l.startsWith("gateway_produce_in_flight "))
                .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
