package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The served OpenAPI document says what the code does: the same fields, the same statuses, the one error body. */
class OpenApiContractTest {

    private final JsonNode doc = read();

    @Test
    void leadSchemaHasExactlyTheFieldsTheLeadsEndpointTakes() {
        assertThat(names(doc.at("/components/schemas/Lead/properties"))).isEqualTo(LeadMapper.FIELDS);
        assertThat(doc.at("/components/schemas/Lead/additionalProperties").asBoolean(true)).isFalse();
        assertThat(doc.at("/components/schemas/Lead/required").toString()).isEqualTo("[\"source\"]");
    }

    @Test
    void clayRowSchemaNamesEveryMappableFieldAndRequiresLeadId() {
        assertThat(names(doc.at("/components/schemas/ClayRow/properties"))).isEqualTo(ColumnMapping.FIELDS);
        assertThat(doc.at("/components/schemas/ClayRow/required").toString()).isEqualTo("[\"lead_id\"]");
    }

    @Test
    void bothEndpointsDocumentEveryStatusTheyAnswer() {
        assertThat(names(doc.at("/paths/~1v1~1clay~1callback/post/responses")))
                .containsExactlyInAnyOrder("200", "400", "401", "405", "413", "415", "422", "503");
        assertThat(names(doc.at("/paths/~1v1~1leads/post/responses")))
                .containsExactlyInAnyOrder("202", "400", "401", "405", "413", "415", "422", "503");
        assertThat(doc.at("/components/schemas/ErrorBody/required").toString())
                .isEqualTo("[\"code\",\"message\",\"validation_errors\"]");
        assertThat(doc.at("/components/responses/Unavailable/headers/Retry-After").isMissingNode()).isFalse();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(GatewayServer.resource("openapi.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
