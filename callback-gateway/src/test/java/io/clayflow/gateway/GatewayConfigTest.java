package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.config.ManagementEndpoint;
import io.clayflow.config.SharedKeys;
import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.gateway.config.LifecycleConfig;
import io.clayflow.gateway.config.HttpConfig;
import io.clayflow.gateway.config.HubSpotWebhookConfig;
import io.clayflow.gateway.config.LeadsConfig;
import io.clayflow.gateway.config.ProduceConfig;
import io.clayflow.gateway.config.TopicConfig;
import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway reads its settings like every app: an unknown key is refused naming the closest known one, every
 * documented key can be set from the environment, the old connection keys still work and warn naming the new ones,
 * and nothing secret is ever printed.
 */
class GatewayConfigTest {

    @Test
    void defaultsListenOn8080WithManagementOn9090AndTheSharedConnectionDefaults() {
        GatewayConfig config = GatewayConfig.load(null, Map.of());

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.management()).isEqualTo(new ManagementEndpoint("0.0.0.0", 9090));
        assertThat(config.produce()).isEqualTo(new ProduceConfig(1_000, Duration.ofSeconds(5), 2));
        assertThat(config.topics().enriched()).isEqualTo(Topics.LEADS_ENRICHED);
        assertThat(config.topics().raw()).isEqualTo(Topics.LEADS_RAW);
        assertThat(config.kafka()).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("bootstrap.servers", SharedKeys.DEFAULT_BOOTSTRAP_SERVERS)
                .containsEntry("linger.ms", "5");
        assertThat(config.serde()).containsEntry("schema.registry.url", SharedKeys.DEFAULT_SCHEMA_REGISTRY_URL)
                .containsEntry("auto.register.schemas", "true");
        assertThat(config.callback().tokens().size()).isZero();
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheClosestKnownKey() {
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of("htp.port", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown gateway setting 'htp.port' (did you mean 'http.port'?)");
        assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("CLAYFLOW_GATEWAY_CALLBACK_TOKEN", "x")))
                .hasMessage("Unknown gateway setting 'callback.token' (did you mean 'callback.tokens'?)");
    }

    static Stream<Arguments> everyDocumentedKey() {
        return Stream.of(
                Arguments.of(SharedKeys.BOOTSTRAP_SERVERS, "kafka:19092"),
                Arguments.of(SharedKeys.SCHEMA_REGISTRY_URL, "http://registry:8080/apis/ccompat/v7"),
                Arguments.of(HttpConfig.HOST, "127.0.0.2"), Arguments.of(HttpConfig.PORT, "8181"),
                Arguments.of(HttpConfig.INSTANCES, "3"), Arguments.of(HttpConfig.MAX_BODY_BYTES, "2048"),
                Arguments.of(HttpConfig.TLS_CERT_PATH, ""), Arguments.of(HttpConfig.TLS_KEY_PATH, ""),
                Arguments.of(GatewayConfig.MANAGEMENT_HOST, "127.0.0.3"), Arguments.of(GatewayConfig.MANAGEMENT_PORT,
                        "9999"),
                Arguments.of(CallbackConfig.TOKENS, "new-secret,old-secret"),
                Arguments.of(CallbackConfig.COLUMNS, "Work Email:work_email"),
                Arguments.of(CallbackConfig.DEFAULT_SOURCE, "clay-table"),
                Arguments.of(CallbackConfig.REPLAY_WINDOW_MS, "60000"),
                Arguments.of(CallbackConfig.REPLAY_MAX_ENTRIES, "10"),
                Arguments.of(LeadsConfig.TOKENS, "leads-secret"), Arguments.of(LeadsConfig.MAX_BATCH, "7"),
                Arguments.of(TopicConfig.ENRICHED, "x.enriched"), Arguments.of(TopicConfig.RAW, "x.raw"),
                Arguments.of(TopicConfig.HUBSPOT_CONTACT_CHANGES, "x.contact-changes"),
                Arguments.of(io.clayflow.gateway.config.HubSpotWebhookConfig.CLIENT_SECRET, "app-secret"),
                Arguments.of(io.clayflow.gateway.config.HubSpotWebhookConfig.MAX_AGE_MS, "60000"),
                Arguments.of(io.clayflow.gateway.config.HubSpotWebhookConfig.PUBLIC_URL,
                        "https://hooks.example.com/v1/hubspot/webhook"),
                Arguments.of(io.clayflow.gateway.config.HubSpotWebhookConfig.REPLAY_MAX_ENTRIES, "10"),
                Arguments.of(ProduceConfig.MAX_IN_FLIGHT, "9"), Arguments.of(ProduceConfig.TIMEOUT_MS, "2500"),
                Arguments.of(ProduceConfig.RETRY_AFTER_SECONDS, "4"),
                Arguments.of(LifecycleConfig.READINESS_TIMEOUT_MS, "900"),
                Arguments.of(LifecycleConfig.SHUTDOWN_TIMEOUT_MS, "800"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocumentedKey")
    void everyDocumentedKeyIsSettableFromTheEnvironment(String key, String value) {
        GatewayConfig config = GatewayConfig.load(null, Map.of(AppSettings.envName(GatewayConfig.APP, key), value));

        assertThat(String.valueOf(config.originals().get(key))).isEqualTo(value);
    }

    @Test
    void theListAboveIsEveryKeyTheGatewayDefines() {
        assertThat(everyDocumentedKey().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(GatewayConfig.definition().names());
    }

    @Test
    void typedPartsReadTheirPrefixesKeys() {
        GatewayConfig config = GatewayConfig.load(null, Map.of("CLAYFLOW_GATEWAY_HTTP_PORT", "8181",
                "CLAYFLOW_GATEWAY_CALLBACK_TOKENS", "new-secret,old-secret",
                "CLAYFLOW_GATEWAY_PRODUCE_TIMEOUT_MS", "2500", "CLAYFLOW_GATEWAY_KAFKA_SASL_MECHANISM", "PLAIN",
                "CLAYFLOW_GATEWAY_SERDE_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO", "OTHER_VARIABLE", "ignored"));

        assertThat(config.http().port()).isEqualTo(8181);
        assertThat(config.callback().tokens().accepts("Bearer old-secret")).isTrue();
        assertThat(config.produce().timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.kafka()).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.serde()).containsEntry("basic.auth.credentials.source", "USER_INFO");
    }

    @Test
    void theOldConnectionKeysStillWorkAndWarnNamingTheNewOnes() {
        AppSettings settings = GatewayConfig.settings();
        GatewayConfig config = new GatewayConfig(settings.load(null, Map.of(
                "CLAYFLOW_GATEWAY_KAFKA_BOOTSTRAP_SERVERS", "old-kafka:9092",
                "CLAYFLOW_GATEWAY_SERDE_SCHEMA_REGISTRY_URL", "http://old-registry:8081")));

        assertThat(config.kafka()).containsEntry("bootstrap.servers", "old-kafka:9092");
        assertThat(config.serde()).containsEntry("schema.registry.url", "http://old-registry:8081");
        assertThat(settings.deprecations()).hasSize(2).anySatisfy(warning -> assertThat(warning)
                .contains("'kafka.bootstrap.servers'", "use 'bootstrap.servers'", "CLAYFLOW_GATEWAY_BOOTSTRAP_SERVERS"))
                .anySatisfy(warning -> assertThat(warning).contains("'serde.schema.registry.url'",
                        "use 'schema.registry.url'"));
    }

    @Test
    void theNewKeyWinsOverTheOldAndTheSharedVariablesReachTheGateway() {
        assertThat(GatewayConfig.withOverrides(Map.of("kafka.bootstrap.servers", "old:9092",
                "bootstrap.servers", "new:9092")).kafka()).containsEntry("bootstrap.servers", "new:9092");
        assertThat(GatewayConfig.load(null, Map.of("CLAYFLOW_BOOTSTRAP_SERVERS", "shared:9092",
                "CLAYFLOW_SCHEMA_REGISTRY_URL", "http://shared:8081")).serde())
                .containsEntry("schema.registry.url", "http://shared:8081");
    }

    @Test
    void thePublicPortGetsOneEventLoopPerProcessorUnlessToldOtherwise() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(GatewayConfig.load(null, Map.of()).http().instances()).isEqualTo(processors);
        assertThat(GatewayConfig.withOverrides(Map.of(HttpConfig.INSTANCES, "AUTO")).http().instances())
                .isEqualTo(processors);
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of(HttpConfig.INSTANCES, "0")))
                .hasMessageContaining("http.instances");
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of(HttpConfig.INSTANCES, "many")))
                .hasMessageContaining("http.instances");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of(HttpConfig.PORT, "eighty")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of("kafka.acks", "1")))
                .hasMessageContaining("kafka.acks");
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of("kafka.enable.idempotence", "false")))
                .hasMessageContaining("kafka.enable.idempotence");
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of(CallbackConfig.COLUMNS, "Score:scroe")))
                .hasMessageContaining("callback.columns").hasMessageContaining("scroe");
        assertThatThrownBy(() -> GatewayConfig.withOverrides(Map.of(HttpConfig.TLS_CERT_PATH, "/tmp/c.pem")))
                .hasMessageContaining("http.tls.key.path");
    }

    @Test
    void theStatusPagesOldSettingsAreIgnoredNotRefused() {
        GatewayConfig config = GatewayConfig.withOverrides(Map.of("status.refresh.ms", "300"));

        assertThat(config.http().port()).isEqualTo(8080);
    }

    @Test
    void theConfigDumpNeverShowsASecret() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(CallbackConfig.TOKENS, "tok-callback-123");
        overrides.put(LeadsConfig.TOKENS, "tok-leads-456");
        overrides.put("kafka.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"kafka-pw\";");
        overrides.put("kafka.ssl.key.password", "key-pw");
        overrides.put("serde.basic.auth.user.info", "user:registry-pw");
        overrides.put(SharedKeys.SCHEMA_REGISTRY_URL, "http://user:url-pw@registry:8081");

        overrides.put(HubSpotWebhookConfig.CLIENT_SECRET, "hs-secret-789");

        GatewayConfig config = GatewayConfig.withOverrides(overrides);
        String dump = config.toString();

        assertThat(dump).doesNotContain("tok-callback-123", "tok-leads-456", "kafka-pw", "key-pw", "registry-pw",
                "url-pw", "hs-secret-789").contains("[hidden]", "registry:8081");
        assertThat(config.callback() + " " + config.leads() + " " + config.hubspotWebhook())
                .doesNotContain("tok-callback-123", "tok-leads-456", "hs-secret-789").contains("[hidden]");
        assertThat(config.hubspotWebhook().clientSecret()).contains("hs-secret-789");
    }
}
