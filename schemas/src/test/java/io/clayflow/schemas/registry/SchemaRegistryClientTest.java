package io.clayflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    private static final String SCHEMA_ANSWER = "{\"schema\":" + quoted(SCHEMA.toString()) + "}";

    private ScriptedRegistry registry;

    @BeforeEach
    void start() throws IOException {
        registry = new ScriptedRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registersASchemaAndCachesItsId() {
        registry.then(200, "{\"id\":7}");
        SchemaRegistryClient client = client(Map.of());

        assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);

        assertThat(registry.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/t-value/versions");
            assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(request.body()).contains("\"schema\"").contains("\\\"name\\\":\\\"T\\\"");
        });
    }

    @Test
    void fetchesASchemaByIdOncePerProcess() {
        registry.then(200, SCHEMA_ANSWER);
        SchemaCache processCache = new SchemaCache();
        SchemaRegistryClient first = client(Map.of(), processCache);
        SchemaRegistryClient second = client(Map.of(), processCache);

        assertThat(first.schemaById(3)).isEqualTo(SCHEMA);
        assertThat(second.schemaById(3)).isEqualTo(SCHEMA);

        assertThat(registry.received()).singleElement().extracting(ScriptedRegistry.Received::path)
                .isEqualTo("/schemas/ids/3");
    }

    @Test
    void retriesA503WithBackoffThenSucceeds() {
        registry.then(503, "{\"error_code\":50301,\"message\":\"busy\"}")
                .then(502, "")
                .then(200, "{\"id\":11}");

        assertThat(client(Map.of()).register("t-value", SCHEMA)).isEqualTo(11);
        assertThat(registry.received()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxRetriesWithTheRegistrysErrorCode() {
        for (int i = 0; i < 3; i++) {
            registry.then(500, "{\"error_code\":50001,\"message\":\"store down\"}");
        }

        assertThatThrownBy(() -> client(Map.of("max.retries", 2)).register("t-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.getMessage()).contains("store down", "POST /subjects/t-value/versions");
                });
        assertThat(registry.received()).hasSize(3);
    }

    @Test
    void neverRetriesAnIncompatibleSchema() {
        registry.then(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");

        assertThatThrownBy(() -> client(Map.of()).register("t-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.getMessage()).contains("incompatible", "HTTP 409");
                });
        assertThat(registry.received()).hasSize(1);
    }

    @Test
    void reportsAnUnknownIdAsNotFoundWithItsErrorCode() {
        registry.then(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

        assertThatThrownBy(() -> client(Map.of()).schemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
    }

    @Test
    void timesOutASlowAnswerAndRetriesIt() {
        registry.thenSlow(2_000, 200, "{\"id\":1}").then(200, "{\"id\":2}");

        assertThat(client(Map.of("http.read.timeout.ms", 200)).register("t-value", SCHEMA)).isEqualTo(2);
    }

    @Test
    void failsOverToTheNextUrlWhenOneCannotBeReached() throws IOException {
        registry.then(200, "{\"id\":5}");
        String deadUrl = "http://127.0.0.1:" + freePort();

        SchemaRegistryClient client = client(Map.of("schema.registry.url", deadUrl + "," + registry.url()));

        assertThat(client.register("t-value", SCHEMA)).isEqualTo(5);
    }

    @Test
    void sendsBasicAuthFromUserInfo() {
        registry.then(200, "{\"id\":1}");

        client(Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "ada:s3cret"))
                .register("t-value", SCHEMA);

        assertThat(registry.received().get(0).authorization()).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("ada:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsBasicAuthFromTheUrlWithoutPuttingItInTheRequestUrl() {
        registry.then(200, "{\"id\":1}");

        client(Map.of("schema.registry.url", registry.url().replace("http://", "http://ada:pw@")))
                .register("t-value", SCHEMA);

        assertThat(registry.received().get(0).authorization()).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("ada:pw".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsABearerToken() {
        registry.then(200, "{\"id\":1}");

        client(Map.of("bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "tok-123"))
                .register("t-value", SCHEMA);

        assertThat(registry.received().get(0).authorization()).isEqualTo("Bearer tok-123");
    }

    @Test
    void refusesBasicAndBearerTogether() {
        assertThatThrownBy(() -> client(Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "a:b", "bearer.auth.token", "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    }

    @Test
    void refusesAUrlThatIsNotHttpNamingTheKey() {
        assertThatThrownBy(() -> client(Map.of("schema.registry.url", "ftp://registry")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void encodesSubjectsWithSpecialCharacters() {
        registry.then(200, "{\"id\":1}");

        client(Map.of()).register("leads raw/x-value", SCHEMA);

        assertThat(registry.received().get(0).path()).isEqualTo("/subjects/leads%20raw%2Fx-value/versions");
    }

    @Test
    void readsAndSetsCompatibility() {
        registry.then(200, "{\"compatibilityLevel\":\"FULL\"}")
                .then(200, "{\"compatibility\":\"BACKWARD\"}")
                .then(404, "{\"error_code\":40408,\"message\":\"Subject does not have subject-level compatibility\"}")
                .then(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: b\"]}");
        SchemaRegistryClient client = client(Map.of());

        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        client.setGlobalCompatibility(CompatibilityLevel.BACKWARD);
        assertThat(client.subjectCompatibility("t-value")).isEmpty();
        assertThat(client.testCompatibility("t-value", SCHEMA)).satisfies(result -> {
            assertThat(result.compatible()).isFalse();
            assertThat(result.messages()).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE: b");
        });
        assertThat(registry.received()).extracting(ScriptedRegistry.Received::method)
                .containsExactly("GET", "PUT", "GET", "POST");
        assertThat(registry.received().get(1).body()).isEqualTo("{\"compatibility\":\"BACKWARD\"}");
        assertThat(registry.received().get(3).path())
                .isEqualTo("/compatibility/subjects/t-value/versions/latest?verbose=true");
    }

    private SchemaRegistryClient client(Map<String, Object> overrides) {
        return client(overrides, new SchemaCache());
    }

    private SchemaRegistryClient client(Map<String, Object> overrides, SchemaCache cache) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", registry.url());
        config.put("retries.wait.ms", 10);
        config.put("retries.max.wait.ms", 50);
        config.putAll(overrides);
        return new SchemaRegistryClient(new SchemaRegistryClientConfig(config),
                java.net.http.HttpClient.newHttpClient(), cache);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
