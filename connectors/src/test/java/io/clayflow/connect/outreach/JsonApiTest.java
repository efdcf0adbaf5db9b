package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clayflow.connect.http.HttpReply;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonApiTest {

    private static HttpReply reply(int status, String body) {
        return new HttpReply(status, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void requestBodiesAreJsonApiDocuments() throws Exception {
        ObjectMapper json = new ObjectMapper();

        String created = new String(JsonApi.newProspect("ann@acme.com",
                JsonNodeFactory.instance.objectNode().put("firstName", "Ann")), StandardCharsets.UTF_8);
        String updated = new String(JsonApi.prospectUpdate(9, JsonNodeFactory.instance.objectNode().put("title", "CTO")),
                StandardCharsets.UTF_8);
        String enrolled = new String(JsonApi.sequenceState(9, 21, 4), StandardCharsets.UTF_8);

        assertThat(json.readTree(created)).isEqualTo(json.readTree(
                "{\"data\":{\"type\":\"prospect\",\"attributes\":{\"firstName\":\"Ann\",\"emails\":[\"ann@acme.com\"]}}}"));
        assertThat(json.readTree(updated)).isEqualTo(json.readTree(
                "{\"data\":{\"type\":\"prospect\",\"id\":9,\"attributes\":{\"title\":\"CTO\"}}}"));
        assertThat(json.readTree(enrolled)).isEqualTo(json.readTree("{\"data\":{\"type\":\"sequenceState\","
                + "\"relationships\":{\"prospect\":{\"data\":{\"type\":\"prospect\",\"id\":9}},"
                + "\"sequence\":{\"data\":{\"type\":\"sequence\",\"id\":21}},"
                + "\"mailbox\":{\"data\":{\"type\":\"mailbox\",\"id\":4}}}}}"));
    }

    static Stream<Arguments> ids() {
        return Stream.of(Arguments.of("a number", "{\"data\":{\"id\":42}}", 42L),
                Arguments.of("a string", "{\"data\":{\"id\":\"42\"}}", 42L),
                Arguments.of("none", "{\"data\":{}}", null),
                Arguments.of("not a number", "{\"data\":{\"id\":\"abc\"}}", null));
    }

    @ParameterizedTest(name = "id as {0}")
    @MethodSource("ids")
    void resourceIdsComeAsNumbersOrStrings(String what, String body, Long expected) {
        assertThat(JsonApi.single(reply(200, body)).flatMap(JsonApi::id).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("title and detail", "{\"errors\":[{\"id\":\"validationError\",\"title\":\"Validation "
                        + "Error\",\"detail\":\"Contacts email hash has already been taken.\"}]}",
                        "Validation Error: Contacts email hash has already been taken.", "validationError"),
                Arguments.of("several", "{\"errors\":[{\"title\":\"A\"},{\"detail\":\"b\"}]}", "A; b", ""),
                Arguments.of("not JSON:API", "<html>bad gateway</html>", "<html>bad gateway</html>", ""),
                Arguments.of("an empty body", "", "", ""));
    }

    @ParameterizedTest(name = "errors: {0}")
    @MethodSource("errors")
    void outreachsErrorsBecomeOneReadableLine(String what, String body, String line, String code) {
        assertThat(JsonApi.errors(reply(422, body))).isEqualTo(line);
        assertThat(JsonApi.firstErrorCode(reply(422, body))).isEqualTo(code);
    }

    @Test
    void aListAnswerGivesItsResources() {
        assertThat(JsonApi.list(reply(200, "{\"data\":[{\"id\":1},{\"id\":2}],\"meta\":{\"count\":2}}"))).hasSize(2);
        assertThat(JsonApi.list(reply(200, "{\"data\":{\"id\":1}}"))).isEmpty();
    }
}
