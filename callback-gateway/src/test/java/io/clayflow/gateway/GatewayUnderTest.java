package io.clayflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.clayflow.config.SharedKeys;
import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.gateway.config.HttpConfig;
import io.clayflow.gateway.config.LeadsConfig;
import io.clayflow.gateway.config.TopicConfig;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.vertx.core.Vertx;

/** A gateway started against the test's broker and registry on free ports, with a JDK HTTP client pointed at it. */
public final class GatewayUnderTest implements AutoCloseable {

    public static final String CALLBACK_TOKEN = "callback-secret-new";
    static final String CALLBACK_TOKEN_OLD = "callback-secret-old";
    static final String LEADS_TOKEN = "leads-secret";

    final Vertx vertx = Vertx.vertx();
    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String bootstrapServers;
    final String registryUrl;

    private GatewayUnderTest(GatewayConfig config, String bootstrapServers, String registryUrl) throws Exception {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.server = GatewayServer.start(vertx, config).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /** Defaults for tests: free ports, both tokens, the class's own topics. */
    static Map<String, String> settings(String bootstrapServers, String registryUrl, String topicPrefix) {
        Map<String, String> settings = new HashMap<>();
        settings.put(HttpConfig.HOST, "127.0.0.1");
        settings.put(HttpConfig.PORT, "0");
        settings.put(GatewayConfig.MANAGEMENT_HOST, "127.0.0.1");
        settings.put(GatewayConfig.MANAGEMENT_PORT, "0");
        settings.put(HttpConfig.MAX_BODY_BYTES, "16384");
        settings.put(CallbackConfig.TOKENS, CALLBACK_TOKEN + "," + CALLBACK_TOKEN_OLD);
        settings.put(LeadsConfig.TOKENS, LEADS_TOKEN);
        settings.put(TopicConfig.ENRICHED, topicPrefix + ".leads.enriched");
        settings.put(TopicConfig.RAW, topicPrefix + ".leads.raw");
        settings.put(SharedKeys.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(SharedKeys.SCHEMA_REGISTRY_URL, registryUrl);
        return settings;
    }

    public static GatewayUnderTest start(KafkaBroker kafka, SchemaRegistryServer registry, String topicPrefix,
            Map<String, String> overrides) throws Exception {
        Map<String, String> settings = settings(kafka.bootstrapServers(), registry.url(), topicPrefix);
        settings.putAll(overrides);
        return new GatewayUnderTest(GatewayConfig.withOverrides(settings), kafka.bootstrapServers(),
                registry.url());
    }

    static GatewayUnderTest start(Map<String, String> settings, String bootstrapServers, String registryUrl)
            throws Exception {
        return new GatewayUnderTest(GatewayConfig.withOverrides(settings), bootstrapServers, registryUrl);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    URI management(String path) {
        return URI.create("http://127.0.0.1:" + server.managementPort() + path);
    }

    HttpResponse<String> post(String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> callback(String json) throws Exception {
        return post("/v1/clay/callback", CALLBACK_TOKEN, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> leads(String json) throws Exception {
        return post("/v1/leads", LEADS_TOKEN, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads at least {@code count} Avro records (as generated classes) from the beginning of {@code topic}. */
    <V> List<ConsumerRecord<String, V>> consume(KafkaBroker kafka, String topic, int count) {
        return new Reader(registryUrl).consume(kafka, topic, count);
    }

    /** Reads Avro records from a topic with the registry, as generated classes. */
    record Reader(String registryUrl) {
        <V> List<ConsumerRecord<String, V>> consume(KafkaBroker kafka, String topic, int count) {
            KafkaAvroDeserializer values = new KafkaAvroDeserializer();
            values.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", "true"), false);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<ConsumerRecord<String, V>> records = (List) kafka.consume(topic, count, Duration.ofSeconds(30),
                    new StringDeserializer(), values);
            return records;
        }
    }

    /** The sum of the end offsets of every partition of the topics. */
    public static long endOffsets(String bootstrapServers, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (var description : admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                description.partitions().forEach(p -> specs.put(new TopicPartition(description.name(),
                        p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the gateway", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The gateway did not stop cleanly", e);
        }
    }
}
