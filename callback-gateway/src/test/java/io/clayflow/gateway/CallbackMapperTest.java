package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.clayflow.schemas.EnrichedLead;

/**
 * What the callback mapper reads and what it keeps raw: an unambiguous value fills its field; any other value leaves
 * the field empty, is kept in enrichment under its column's name and is named in unreadable_fields; only a callback
 * without a usable lead_id is refused.
 */
class CallbackMapperTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CallbackMapper MAPPER = new CallbackMapper(ColumnMapping.parse(""), "clay");

    @ParameterizedTest(name = "icp_score {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "85      | 85", "85.0    | 85", "\"85\"  | 85", "\"85.0\" | 85", "8.5e1 | 85", "0 | 0", "100.00 | 100",
            "\"\" | ", "null | "})
    void anUnambiguousScoreIsRead(String json, Integer expected) throws Exception {
        EnrichedLead lead = map("{\"lead_id\": \"lead-1\", \"icp_score\": " + json + "}");

        assertThat(lead.getIcpScore()).isEqualTo(expected);
        assertThat(lead.getUnreadableFields()).isEmpty();
        assertThat(lead.getEnrichment()).isEmpty();
    }

    @ParameterizedTest(name = "icp_score {0} is kept raw as {1}")
    @CsvSource(delimiter = '|', value = {
            "85.5 | 85.5", "\"85.5\" | 85.5", "\"85%\" | 85%", "\"N/A\" | N/A", "101 | 101", "-1 | -1",
            "\" 85\" | ' 85'", "true | true", "[85] | [85]", "\"1; DROP TABLE leads;--\" | 1; DROP TABLE leads;--"})
    void anyOtherScoreIsLeftEmptyKeptRawAndMarked(String json, String raw) throws Exception {
        EnrichedLead lead = map("{\"lead_id\": \"lead-1\", \"icp_score\": " + json + ", \"Funding\": \"Series B\"}");

        assertThat(lead.getIcpScore()).isNull();
        assertThat(lead.getUnreadableFields()).containsExactly("icp_score");
        assertThat(lead.getEnrichment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("icp_score", raw, "Funding", "Series B"));
    }

    @Test
    void aMappedColumnKeepsItsRawValueUnderItsOwnName() throws Exception {
        CallbackMapper mapper = new CallbackMapper(ColumnMapping.parse("ICP Score:icp_score"), "clay");

        EnrichedLead lead = mapper.map(JSON.readTree("{\"lead_id\": \"lead-1\", \"ICP Score\": \"85%\"}"), NOW)
                .lead();

        assertThat(lead.getIcpScore()).isNull();
        assertThat(lead.getEnrichment()).containsExactly(Map.entry("ICP Score", "85%"));
        assertThat(lead.getUnreadableFields()).containsExactly("icp_score");
    }

    @Test
    void everyOtherFieldIsLenientTooAndTheRestOfTheRowIsKept() throws Exception {
        EnrichedLead lead = map("""
                {"lead_id": "lead-1", "email": 7, "work_email": "jo@acme.com", "first_name": "Jo",
                 "occurred_at": "yesterday", "attributes": ["x"], "enrichment": {"k": {"n": 1}}, "country": true,
                 "icp_score": 90}""");

        assertThat(lead.getUnreadableFields())
                .containsExactly("attributes", "country", "email", "enrichment", "occurred_at");
        assertThat(lead.getEmail()).isNull();
        assertThat(lead.getCountry()).isNull();
        assertThat(lead.getAttributes()).isEmpty();
        assertThat(lead.getOccurredAt()).isEqualTo(NOW);
        assertThat(lead.getEnrichment()).containsExactlyInAnyOrderEntriesOf(Map.of("email", "7",
                "occurred_at", "yesterday", "attributes", "[\"x\"]", "enrichment", "{\"k\":{\"n\":1}}",
                "country", "true"));
        assertThat(lead.getWorkEmail()).isEqualTo("jo@acme.com");
        assertThat(lead.getFirstName()).isEqualTo("Jo");
        assertThat(lead.getIcpScore()).isEqualTo(90);
    }

    @Test
    void twoColumnsFillingOneFieldLeaveItEmptyAndKeepBoth() throws Exception {
        CallbackMapper mapper = new CallbackMapper(ColumnMapping.parse("Score A:icp_score,Score B:icp_score"), "clay");

        EnrichedLead lead = mapper.map(JSON.readTree("{\"lead_id\": \"lead-1\", \"Score A\": 85, \"Score B\": 40}"),
                NOW).lead();

        assertThat(lead.getIcpScore()).isNull();
        assertThat(lead.getUnreadableFields()).containsExactly("icp_score");
        assertThat(lead.getEnrichment()).containsExactlyInAnyOrderEntriesOf(Map.of("Score A", "85", "Score B", "40"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"icp_score\": \"N/A\"}", "{\"lead_id\": null, \"icp_score\": 85}", "{\"lead_id\": \"\"}",
            "{\"lead_id\": \"  \"}", "{\"lead_id\": 42}", "[{\"lead_id\": \"a\"}]"})
    void aCallbackWithoutAUsableLeadIdIsStillRefused(String json) {
        ApiError.ApiException refused = catchThrowableOfType(ApiError.ApiException.class, () -> map(json));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.error().code()).isEqualTo(422);
    }

    @Test
    void anUnreadableOccurredAtHashesLikeAMissingOne() throws Exception {
        CallbackMapper.Mapped first = MAPPER.map(JSON.readTree("{\"lead_id\": \"l\", \"occurred_at\": \"x\"}"), NOW);
        CallbackMapper.Mapped later = MAPPER.map(JSON.readTree("{\"lead_id\": \"l\", \"occurred_at\": \"x\"}"),
                NOW.plusSeconds(5));

        assertThat(first.occurredAtDefaulted()).isTrue();
        assertThat(CallbackHandler.contentHash(first)).isEqualTo(CallbackHandler.contentHash(later));
    }

    private static EnrichedLead map(String json) throws Exception {
        JsonNode body = JSON.readTree(json);
        return MAPPER.map(body, NOW).lead();
    }
}
