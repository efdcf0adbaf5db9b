package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.config.SharedKeys;
import io.clayflow.gateway.GatewayServer;
import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.gateway.config.HttpConfig;
import io.clayflow.gateway.config.LeadsConfig;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real callback gateway in this JVM, its cost columns mapped as a Clay table would name them ({@code Actions
 * Used}, {@code Credits Used}, {@code Table}), and Clay's HTTP API column posting to it over loopback.
 */
final class Callbacks implements AutoCloseable {

    private static final String TOKEN = "cost-it-callback-token";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GatewayServer server;

    Callbacks(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        server = GatewayServer.start(vertx, GatewayConfig.withOverrides(Map.of(
                HttpConfig.HOST, "127.0.0.1", HttpConfig.PORT, "0",
                GatewayConfig.MANAGEMENT_HOST, "127.0.0.1", GatewayConfig.MANAGEMENT_PORT, "0",
                CallbackConfig.TOKENS, TOKEN, LeadsConfig.TOKENS, "cost-it-leads-token",
                CallbackConfig.COLUMNS, "Actions Used:clay_actions_used,Credits Used:clay_data_credits_used,"
                        + "Table:clay_table",
                SharedKeys.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                SharedKeys.SCHEMA_REGISTRY_URL, registry.url())))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Posts one enriched row with {@code columns} besides its lead_id and a work email; asserts the 200. */
    void post(String leadId, Map<String, Object> columns) throws Exception {
        assertThat(leadId).as("a lead intake released").isNotNull();
        Map<String, Object> row = new LinkedHashMap<>(columns);
        row.put("lead_id", leadId);
        row.put("Work Email", "someone@acme.com");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/v1/clay/callback"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(row))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
