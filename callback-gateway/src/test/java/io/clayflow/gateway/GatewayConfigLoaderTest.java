package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GatewayConfigLoaderTest {

    @Test
    void defaultsListenOn8080WithManagementOn9090AndTheContractTopics() {
        GatewayConfig config = GatewayConfigLoader.load(null, Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.managementPort()).isEqualTo(9090);
        assertThat(config.enrichedTopic()).isEqualTo(io.clayflow.schemas.Topics.LEADS_ENRICHED);
        assertThat(config.rawTopic()).isEqualTo(io.clayflow.schemas.Topics.LEADS_RAW);
        assertThat(config.kafka()).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(config.serde()).containsEntry("schema.registry.url", "http://localhost:8081");
        assertThat(config.callbackTokens().size()).isZero();
    }

    @Test
    void environmentVariablesOverrideAndPassThroughUnderTheirPrefix() {
        GatewayConfig config = GatewayConfigLoader.load(null, Map.of(
                "CLAYFLOW_GATEWAY_HTTP_PORT", "8181",
                "CLAYFLOW_GATEWAY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "CLAYFLOW_GATEWAY_KAFKA_SASL_MECHANISM", "PLAIN",
                "CLAYFLOW_GATEWAY_SERDE_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "CLAYFLOW_GATEWAY_CALLBACK_TOKENS", "new-secret,old-secret",
                "CLAYFLOW_GATEWAY_PRODUCE_TIMEOUT_MS", "2500",
                "OTHER_VARIABLE", "ignored"));
        assertThat(config.httpPort()).isEqualTo(8181);
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.serde()).containsEntry("schema.registry.url", "http://registry:8081");
        assertThat(config.callbackTokens().size()).isEqualTo(2);
        assertThat(config.callbackTokens().accepts("Bearer old-secret")).isTrue();
        assertThat(config.produceTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void thePublicPortGetsOneEventLoopPerProcessorUnlessToldOtherwise() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(GatewayConfigLoader.load(null, Map.of()).httpInstances()).isEqualTo(processors);
        assertThat(GatewayConfigLoader.withOverrides(Map.of("http.instances", "AUTO")).httpInstances())
                .isEqualTo(processors);
        assertThat(GatewayConfigLoader.load(null, Map.of("CLAYFLOW_GATEWAY_HTTP_INSTANCES", "3")).httpInstances())
                .isEqualTo(3);
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("http.instances", "0")))
                .hasMessageContaining("http.instances");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("http.instances", "many")))
                .hasMessageContaining("http.instances");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("http.port", "eighty")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("kafka.acks", "1")))
                .hasMessageContaining("kafka.acks");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("kafka.enable.idempotence", "false")))
                .hasMessageContaining("kafka.enable.idempotence");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("htp.port", "1")))
                .hasMessageContaining("htp.port");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("callback.columns", "Score:scroe")))
                .hasMessageContaining("callback.columns").hasMessageContaining("scroe");
        assertThatThrownBy(() -> GatewayConfigLoader.withOverrides(Map.of("http.tls.cert.path", "/tmp/c.pem")))
                .hasMessageContaining("http.tls.key.path");
    }

    @Test
    void theConfigDumpMasksSecrets() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("callback.tokens", "tok-callback-123");
        overrides.put("leads.tokens", "tok-leads-456");
        overrides.put("kafka.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"kafka-pw\";");
        overrides.put("kafka.ssl.key.password", "key-pw");
        overrides.put("serde.basic.auth.user.info", "user:registry-pw");
        overrides.put("serde.schema.registry.url", "http://user:url-pw@registry:8081");
        String dump = GatewayConfigLoader.withOverrides(overrides).toString();
        assertThat(dump).doesNotContain("tok-callback-123", "tok-leads-456", "kafka-pw", "key-pw", "registry-pw",
                "url-pw").contains("[masked]", "registry:8081");
    }
}
