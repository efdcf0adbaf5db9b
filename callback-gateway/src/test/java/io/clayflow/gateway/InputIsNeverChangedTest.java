package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.schemas.EnrichedLead;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A string the gateway receives is taken as it is or refused, never quietly changed: a {@code lead_id} with a control
 * character anywhere (at its end too, where a {@code trim()} would have removed it) is a 422 naming the field, on
 * both endpoints; other strings keep their bytes, and a value the callback cannot read is kept as it came.
 */
class InputIsNeverChangedTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "lead_id \"{0}\"")
    @ValueSource(strings = {"lead-1\u0000", "lead-1\u0007", "lead-1\n", "lead-1\r", "lead-1\t", "lead-1\u001F",
            "lead-1\u007F", "lead-1\u0085", "\u0001lead-1", "lead\u0000-1"})
    void aCallbackLeadIdWithAControlCharacterIsRefusedNamingTheField(String leadId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("lead_id", leadId);

        ApiError error = refusal(() -> new CallbackMapper(ColumnMapping.parse(""), "clay").map(body, NOW));

        assertThat(error.code()).isEqualTo(422);
        assertThat(error.validationErrors()).singleElement().satisfies(field -> {
            assertThat(field.field()).isEqualTo("/lead_id");
            assertThat(field.message()).contains("control characters");
        });
    }

    @ParameterizedTest(name = "lead_id \"{0}\"")
    @ValueSource(strings = {"lead-1\u0000", "lead-1\n", "lead-1\u001F", "\u0001lead-1"})
    void aPostedLeadIdWithAControlCharacterIsRefusedNamingTheField(String leadId) {
        ObjectNode lead = JsonNodeFactory.instance.objectNode().put("lead_id", leadId).put("source", "web");
        JsonNode batch = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                .put("source", "web")).add(lead);

        ApiError single = refusal(() -> new LeadMapper(10).map(lead, NOW));
        ApiError inBatch = refusal(() -> new LeadMapper(10).map(batch, NOW));

        assertThat(single.validationErrors()).extracting(ApiError.FieldError::field).containsExactly("/lead_id");
        assertThat(inBatch.validationErrors()).extracting(ApiError.FieldError::field).containsExactly("/1/lead_id");
        assertThat(List.of(single.code(), inBatch.code())).containsOnly(422);
    }

    @ParameterizedTest(name = "lead_id \"{0}\"")
    @ValueSource(strings = {" lead-1", "lead-1 ", "lead-1\u2028"})
    void aLeadIdWithWhitespaceAtAnEndIsRefusedRatherThanTrimmed(String leadId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("lead_id", leadId);

        ApiError error = refusal(() -> new CallbackMapper(ColumnMapping.parse(""), "clay").map(body, NOW));

        assertThat(error.validationErrors()).extracting(ApiError.FieldError::field).containsExactly("/lead_id");
    }

    @ParameterizedTest(name = "icp_score \"{0}\"")
    @ValueSource(strings = {"42\u0000", " 42", "42\n"})
    void aScoreWithAnythingButDigitsIsNotReadButKeptAsItCame(String score) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("lead_id", "lead-1").put("icp_score", score);

        EnrichedLead lead = new CallbackMapper(ColumnMapping.parse(""), "clay").map(body, NOW).lead();

        assertThat(lead.getIcpScore()).isNull();
        assertThat(lead.getEnrichment()).containsEntry("icp_score", score);
        assertThat(lead.getUnreadableFields()).containsExactly("icp_score");
    }

    @ParameterizedTest(name = "first_name \"{0}\"")
    @ValueSource(strings = {"  Jane  ", "Jane\t", "J\u00FCrgen"})
    void otherStringsKeepEveryCharacter(String name) throws Exception {
        JsonNode body = JSON.readTree(JSON.writeValueAsString(JsonNodeFactory.instance.objectNode()
                .put("lead_id", "lead-1").put("first_name", name)));

        assertThat(new CallbackMapper(ColumnMapping.parse(""), "clay").map(body, NOW).lead().getFirstName())
                .isEqualTo(name);
    }

    private static ApiError refusal(Runnable mapping) {
        ApiError.ApiException refused = catchThrowableOfType(ApiError.ApiException.class, mapping::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.error();
    }
}
