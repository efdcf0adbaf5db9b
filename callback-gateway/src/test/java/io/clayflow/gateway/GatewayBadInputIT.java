package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;

/**
 * Hostile and broken requests: each gets its 4xx with the error body, and none reaches Kafka (the producer is never
 * handed a record and the topics' end offsets do not move). A callback with a usable lead_id and odd values is not
 * among them: it is published ({@link GatewayUnreadableValuesIT}).
 */
@ClayflowIntegrationTest
class GatewayBadInputIT {

    private static final String PREFIX = "gateway-bad-input-it";
    private static final String ENRICHED = PREFIX + ".leads.enriched";
    private static final String RAW = PREFIX + ".leads.raw";
    private static final String CALLBACK = "/v1/clay/callback";
    private static final String LEADS = "/v1/leads";
    private static final String JSON = "application/json";
    private static final String CB_TOKEN = GatewayUnderTest.CALLBACK_TOKEN;
    private static final String LEADS_TOKEN = GatewayUnderTest.LEADS_TOKEN;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(ENRICHED, 1);
        kafka.createTopic(RAW, 1);
        gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of("leads.max.batch", "5"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<Arguments> badRequests() {
        List<Arguments> cases = new ArrayList<>();
        // Malformed JSON: 400
        cb(cases, "empty body", "", 400);
        cb(cases, "whitespace only", "   \n ", 400);
        cb(cases, "truncated object", "{\"lead_id\": \"a\"", 400);
        cb(cases, "trailing comma", "{\"lead_id\": \"a\",}", 400);
        cb(cases, "single quotes", "{'lead_id': 'a'}", 400);
        cb(cases, "unquoted key", "{lead_id: \"a\"}", 400);
        cb(cases, "trailing garbage", "{\"lead_id\": \"a\"} x", 400);
        cb(cases, "two documents", "{\"lead_id\": \"a\"}{\"lead_id\": \"b\"}", 400);
        cb(cases, "NaN literal", "{\"lead_id\": \"a\", \"icp_score\": NaN}", 400);
        cb(cases, "comment", "{\"lead_id\": \"a\" /* hi */}", 400);
        cb(cases, "raw control character in a string", "{\"lead_id\": \"a\u0001b\"}", 400);
        cb(cases, "duplicate key", "{\"lead_id\": \"a\", \"lead_id\": \"b\"}", 400);
        cb(cases, "duplicate key nested in a column", "{\"lead_id\": \"a\", \"x\": {\"k\": 1, \"k\": 2}}", 400);
        cb(cases, "nesting 100 deep", "{\"lead_id\": \"a\", \"x\": " + "[".repeat(100) + "]".repeat(100) + "}", 400);
        cb(cases, "nesting 5000 deep", "{\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400);
        cases.add(Arguments.of("invalid UTF-8 (C3 28)", CALLBACK, CB_TOKEN, JSON,
                bytes(new byte[] {'{', '"', 'l', 'e', 'a', 'd', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"',
                        '}'}), 400));
        cases.add(Arguments.of("invalid UTF-8 (lone continuation byte)", CALLBACK, CB_TOKEN, JSON,
                bytes(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0x80, '"', '}'}), 400));
        cases.add(Arguments.of("invalid UTF-8 (overlong C0 AF)", CALLBACK, CB_TOKEN, JSON,
                bytes(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}), 400));
        leads(cases, "leads: truncated array", "[{\"source\": \"web\"}", 400);

        // Wrong shapes, no usable lead_id: 422 (a callback with one is published whatever its other values: see
        // GatewayUnreadableValuesIT)
        cb(cases, "root is null", "null", 422);
        cb(cases, "root is an array", "[{\"lead_id\": \"a\"}]", 422);
        cb(cases, "root is a string", "\"lead\"", 422);
        cb(cases, "root is a number", "42", 422);
        cb(cases, "missing lead_id", "{\"email\": \"a@b.co\"}", 422);
        cb(cases, "lead_id null", "{\"lead_id\": null}", 422);
        cb(cases, "lead_id a number", "{\"lead_id\": 42}", 422);
        cb(cases, "lead_id blank", "{\"lead_id\": \"   \"}", 422);
        cb(cases, "lead_id an object", "{\"lead_id\": {\"id\": \"a\"}}", 422);
        cb(cases, "lead_id too long", "{\"lead_id\": \"" + "x".repeat(300) + "\"}", 422);
        cb(cases, "lead_id with an escaped NUL", "{\"lead_id\": \"a\\u0000b\"}", 422);
        cb(cases, "lead_id ending in an escaped NUL", "{\"lead_id\": \"a\\u0000\"}", 422);
        cb(cases, "lead_id ending in a newline", "{\"lead_id\": \"a\\n\"}", 422);
        cb(cases, "lead_id with a trailing space", "{\"lead_id\": \"a \"}", 422);
        leads(cases, "leads: lead_id ending in an escaped BEL", "{\"source\": \"web\", \"lead_id\": \"a\\u0007\"}", 422);
        cb(cases, "JNDI lookup as lead_id object", "{\"lead_id\": {\"${jndi:ldap://x/a}\": 1}}", 422);
        leads(cases, "leads: missing source", "{\"email\": \"a@b.co\"}", 422);
        leads(cases, "leads: unknown field", "{\"source\": \"web\", \"favourite_colour\": \"red\"}", 422);
        leads(cases, "leads: empty array", "[]", 422);
        leads(cases, "leads: over the batch bound", "[" + String.join(",",
                java.util.Collections.nCopies(6, "{\"source\": \"web\"}")) + "]", 422);
        leads(cases, "leads: a non-object item", "[{\"source\": \"web\"}, 5]", 422);
        leads(cases, "leads: one bad lead refuses the batch",
                "[{\"source\": \"web\", \"email\": \"ok@b.co\"}, {\"source\": \"web\", \"email\": false}]", 422);
        leads(cases, "leads: root a string", "\"lead\"", 422);

        // Tokens: 401, no hint which
        String valid = "{\"lead_id\": \"a\"}";
        cases.add(Arguments.of("no Authorization header", CALLBACK, null, JSON, utf8(valid), 401));
        cases.add(Arguments.of("wrong token", CALLBACK, "not-the-token", JSON, utf8(valid), 401));
        cases.add(Arguments.of("token with a suffix", CALLBACK, CB_TOKEN + "x", JSON, utf8(valid), 401));
        cases.add(Arguments.of("token prefix only", CALLBACK, CB_TOKEN.substring(0, 5), JSON, utf8(valid), 401));
        cases.add(Arguments.of("SQL injection as token", CALLBACK, "' OR '1'='1", JSON, utf8(valid), 401));
        cases.add(Arguments.of("leads token on the callback", CALLBACK, LEADS_TOKEN, JSON, utf8(valid), 401));
        cases.add(Arguments.of("callback token on leads", LEADS, CB_TOKEN, JSON, utf8("{\"source\": \"w\"}"), 401));
        cases.add(Arguments.of("Basic scheme with the right secret", CALLBACK, "BASIC:" + CB_TOKEN, JSON, utf8(valid),
                401));
        cases.add(Arguments.of("empty bearer", CALLBACK, "", JSON, utf8(valid), 401));

        // Content type: 415
        cases.add(Arguments.of("text/plain", CALLBACK, CB_TOKEN, "text/plain", utf8(valid), 415));
        cases.add(Arguments.of("no content type", CALLBACK, CB_TOKEN, null, utf8(valid), 415));
        cases.add(Arguments.of("form encoded", CALLBACK, CB_TOKEN, "application/x-www-form-urlencoded",
                utf8("lead_id=a"), 415));
        cases.add(Arguments.of("JSON in latin-1", CALLBACK, CB_TOKEN, "application/json; charset=iso-8859-1",
                utf8(valid), 415));
        cases.add(Arguments.of("leads as text/csv", LEADS, LEADS_TOKEN, "text/csv", utf8("source\nweb"), 415));

        // Size: 413 (limit 16384 bytes in this class)
        cb(cases, "body just over the limit", "{\"lead_id\": \"a\", \"x\": \"" + "y".repeat(16_400) + "\"}", 413);
        cb(cases, "one-megabyte string", "{\"lead_id\": \"a\", \"x\": \"" + "y".repeat(1_000_000) + "\"}", 413);
        leads(cases, "leads: oversize batch body", "[" + String.join(",", java.util.Collections.nCopies(400,
                "{\"source\": \"web\", \"email\": \"someone@example.com\"}")) + "]", 413);

        // Routing: 404 and 405
        cases.add(Arguments.of("unknown route", "/v1/clay/callbacks", CB_TOKEN, JSON, utf8(valid), 404));
        cases.add(Arguments.of("path traversal", "/v1/clay/callback/..%2F..%2Fadmin", CB_TOKEN, JSON, utf8(valid),
                404));
        cases.add(Arguments.of("POST on the OpenAPI document", "/openapi.yaml", CB_TOKEN, JSON, utf8(valid), 405));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {5}")
    @MethodSource("badRequests")
    void isRefusedAndNothingReachesKafka(String name, String path, String token, String contentType, Body body,
            int expected) throws Exception {
        long attempts = gateway.server.metrics().produceAttempts();
        long offsets = GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED, RAW);

        String authorization = token == null ? null : token.startsWith("BASIC:") ? null : token;
        HttpResponse<String> response;
        if (token != null && token.startsWith("BASIC:")) {
            response = gateway.http.send(java.net.http.HttpRequest.newBuilder(gateway.uri(path))
                    .header("Authorization", "Basic " + token.substring(6)).header("Content-Type", contentType)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } else {
            response = gateway.post(path, authorization, contentType, body.bytes());
        }

        GatewayCallbackIT.assertError(response, expected);
        assertThat(gateway.server.metrics().produceAttempts()).as("records handed to the producer").isEqualTo(attempts);
        assertThat(GatewayUnderTest.endOffsets(gateway.bootstrapServers, ENRICHED, RAW)).as("end offsets")
                .isEqualTo(offsets);
    }

    /**
     * An id is taken exactly as sent: one ending in (or holding) a control character is refused with the field named,
     * never trimmed into a different, accepted id.
     */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "/v1/clay/callback | {\"lead_id\": \"lead-7\\u0000\"}                   | /lead_id",
            "/v1/clay/callback | {\"lead_id\": \"lead-7\\u001f\"}                   | /lead_id",
            "/v1/clay/callback | {\"lead_id\": \"lead\\r-7\"}                       | /lead_id",
            "/v1/leads         | {\"source\": \"web\", \"lead_id\": \"lead-7\\t\"}    | /lead_id",
            "/v1/leads         | [{\"source\": \"web\", \"lead_id\": \"lead-7\\u007f\"}] | /0/lead_id"})
    void aLeadIdWithAControlCharacterIsA422NamingTheField(String path, String json, String field) throws Exception {
        HttpResponse<String> response = gateway.post(path, path.equals(CALLBACK) ? CB_TOKEN : LEADS_TOKEN, JSON,
                json.getBytes(StandardCharsets.UTF_8));

        GatewayCallbackIT.assertError(response, 422);
        io.vertx.core.json.JsonArray errors = new io.vertx.core.json.JsonObject(response.body())
                .getJsonArray("validation_errors");
        assertThat(errors.size()).as(response.body()).isEqualTo(1);
        assertThat(errors.getJsonObject(0).getString("field")).isEqualTo(field);
        assertThat(errors.getJsonObject(0).getString("message")).contains("control characters");
    }

    /** The body, printed short in test names. */
    record Body(byte[] bytes) {
        @Override
        public String toString() {
            return bytes.length + " bytes";
        }
    }

    private static void cb(List<Arguments> cases, String name, String json, int status) {
        cases.add(Arguments.of(name, CALLBACK, CB_TOKEN, JSON, utf8(json), status));
    }

    private static void leads(List<Arguments> cases, String name, String json, int status) {
        cases.add(Arguments.of(name, LEADS, LEADS_TOKEN, JSON, utf8(json), status));
    }

    private static Body utf8(String s) {
        return new Body(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Body bytes(byte[] b) {
        return new Body(b);
    }
}
