package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * What clayflow relies on from the schema registry, whichever Apicurio build runs it; one thin subclass per build.
 */
abstract class SchemaRegistryContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String LEAD_V1 = "{\"type\":\"record\",\"name\":\"Lead\",\"namespace\":\"io.clayflow.it\","
            + "\"fields\":[{\"name\":\"email\",\"type\":\"string\"}]}";
    private static final String LEAD_V1_REFORMATTED = "{ \"type\": \"record\",\n  \"name\": \"Lead\", "
            + "\"namespace\": \"io.clayflow.it\",\n  \"fields\": [ { \"name\": \"email\", \"type\": \"string\" } ] }";
    // A new field without a default cannot be read from old data: BACKWARD forbids it.
    private static final String LEAD_V2_INCOMPATIBLE = "{\"type\":\"record\",\"name\":\"Lead\","
            + "\"namespace\":\"io.clayflow.it\",\"fields\":[{\"name\":\"email\",\"type\":\"string\"},"
            + "{\"name\":\"icp_score\",\"type\":\"int\"}]}";

    /** The registry under test, running for the whole class. */
    abstract SchemaRegistryServer registry();

    @Test
    void servesTheConfluentApiOnLoopback() throws Exception {
        HttpResponse<String> subjects = get(registry().url() + "/subjects");

        assertThat(registry().url()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(subjects.body()).isArray()).isTrue();
    }

    @Test
    void servesApicurioOwnApiReportingTheChosenVersion() throws Exception {
        HttpResponse<String> info = get(registry().apicurioV2Url() + "/system/info");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(info.body()).path("version").asText()).isEqualTo(registry().version());
    }

    @Test
    void globalCompatibilityIsBackward() throws Exception {
        HttpResponse<String> config = get(registry().url() + "/config");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void aRegisteredSchemaCanBeFetchedBackById() throws Exception {
        int id = register("registry-it.fetch-value", LEAD_V1).path("id").asInt();

        HttpResponse<String> fetched = get(registry().url() + "/schemas/ids/" + id);

        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode schema = JSON.readTree(JSON.readTree(fetched.body()).path("schema").asText());
        assertThat(schema).isEqualTo(JSON.readTree(LEAD_V1));
    }

    @Test
    void theSameSchemaFormattedDifferentlyGetsTheSameId() throws Exception {
        int first = register("registry-it.canonical-value", LEAD_V1).path("id").asInt();
        int second = register("registry-it.canonical-value", LEAD_V1_REFORMATTED).path("id").asInt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aBackwardIncompatibleVersionIsRejected() throws Exception {
        register("registry-it.evolution-value", LEAD_V1);

        HttpResponse<String> rejected = post(registry().url() + "/subjects/registry-it.evolution-value/versions",
                schemaBody(LEAD_V2_INCOMPATIBLE));

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(409);
    }

    private JsonNode register(String subject, String schema) throws Exception {
        HttpResponse<String> response = post(registry().url() + "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String schemaBody(String schema) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema);
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", SchemaRegistryServer.CONFLUENT_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
