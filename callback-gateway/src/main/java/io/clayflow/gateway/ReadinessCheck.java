package io.clayflow.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Ready means the Kafka cluster and the schema registry both answer within the readiness timeout. */
final class ReadinessCheck implements AutoCloseable {

    private final Vertx vertx;
    private final Admin admin;
    private final WebClient web;
    private final String registryUrl;
    private final Duration timeout;

    ReadinessCheck(Vertx vertx, Map<String, Object> kafka, String registryUrls, Duration timeout) {
        this.vertx = vertx;
        Map<String, Object> adminProps = new HashMap<>();
        // Only the settings an Admin client knows (bootstrap, security, timeouts), so it logs no warnings.
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals("client.id")) {
                adminProps.put(k, v);
            }
        });
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, kafka.getOrDefault("client.id", "gateway") + "-readiness");
        this.admin = Admin.create(adminProps);
        this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.registryUrl = registryUrls.split(",")[0].trim().replaceAll("/+$", "");
        this.timeout = timeout;
    }

    /** Succeeds with per-dependency detail; fails (with the same detail as message) when one does not answer. */
    Future<JsonObject> check() {
        Future<String> kafka = kafka();
        Future<String> registry = registry();
        return Future.join(kafka, registry).transform(ignored -> {
            JsonObject detail = new JsonObject()
                    .put("kafka", kafka.succeeded() ? "UP" : "DOWN: " + kafka.cause().getMessage())
                    .put("schema_registry", registry.succeeded() ? "UP" : "DOWN: " + registry.cause().getMessage());
            return kafka.succeeded() && registry.succeeded() ? Future.succeededFuture(detail)
                    : Future.failedFuture(detail.encode());
        });
    }

    private Future<String> kafka() {
        Promise<String> promise = Promise.promise();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                .whenComplete((id, error) -> vertx.runOnContext(v -> {
                    if (error == null) {
                        promise.tryComplete(id);
                    } else {
                        promise.tryFail(error);
                    }
                }));
        return promise.future();
    }

    private Future<String> registry() {
        return web.getAbs(registryUrl + "/subjects").timeout(timeout.toMillis()).send().compose(response ->
                response.statusCode() < 500 ? Future.succeededFuture("HTTP " + response.statusCode())
                        : Future.failedFuture("HTTP " + response.statusCode()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        web.close();
    }
}
