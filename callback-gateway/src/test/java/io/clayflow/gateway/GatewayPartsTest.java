package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.clayflow.schemas.EnrichedLead;

/** The gateway's small parts: tokens, column mapping, replay cache, content hash, masking, content types. */
class GatewayPartsTest {

    @Test
    void tokensAcceptAnyConfiguredTokenAndNothingElse() {
        BearerTokens tokens = BearerTokens.parse(" new , old ,");
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.accepts("Bearer new")).isTrue();
        assertThat(tokens.accepts("bearer old")).isTrue();
        assertThat(tokens.accepts("Bearer newer")).isFalse();
        assertThat(tokens.accepts("Basic new")).isFalse();
        assertThat(tokens.accepts("Bearer ")).isFalse();
        assertThat(tokens.accepts(null)).isFalse();
        assertThat(BearerTokens.parse("").accepts("Bearer ")).isFalse();
        assertThat(tokens.toString()).doesNotContain("new", "old");
    }

    @Test
    void columnsMapByConfigurationThenByFieldName() {
        ColumnMapping mapping = ColumnMapping.parse("Work Email:work_email, ICP Score:icp_score");
        assertThat(mapping.fieldOf("Work Email")).hasValue("work_email");
        assertThat(mapping.fieldOf("lead_id")).hasValue("lead_id");
        assertThat(mapping.fieldOf("work_email")).as("mapped elsewhere").isEmpty();
        assertThat(mapping.fieldOf("Funding")).isEmpty();
        assertThat(mapping.columnFor("icp_score")).isEqualTo("ICP Score");
        assertThatThrownBy(() -> ColumnMapping.parse("A:email,A:title")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ColumnMapping.parse("A:enriched_at")).hasMessageContaining("enriched_at");
    }

    @Test
    void theReplayCacheForgetsAfterItsWindowAndBeyondItsSize() {
        MutableClock clock = new MutableClock();
        ReplayCache cache = new ReplayCache(Duration.ofMinutes(10), 2, clock);
        cache.published("a", "h1");
        assertThat(cache.isReplay("a", "h1")).isTrue();
        assertThat(cache.isReplay("a", "h2")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(cache.isReplay("a", "h1")).as("past the window").isFalse();
        cache.published("a", "h1");
        cache.published("b", "h1");
        cache.published("c", "h1");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.isReplay("a", "h1")).as("evicted, least recently used").isFalse();
        assertThat(new ReplayCache(Duration.ZERO, 10, clock).isReplay("a", "h1")).isFalse();
    }

    @Test
    void theContentHashIgnoresTheReceiveTimeButNotTheContent() throws Exception {
        CallbackMapper mapper = new CallbackMapper(ColumnMapping.parse(""), "clay");
        ObjectMapper json = new ObjectMapper();
        var first = mapper.map(json.readTree("{\"lead_id\": \"a\", \"x\": \"1\", \"y\": \"2\"}"), Instant.ofEpochSecond(1));
        var reordered = mapper.map(json.readTree("{\"y\": \"2\", \"x\": \"1\", \"lead_id\": \"a\"}"),
                Instant.ofEpochSecond(99));
        var changed = mapper.map(json.readTree("{\"lead_id\": \"a\", \"x\": \"1\", \"y\": \"3\"}"), Instant.ofEpochSecond(1));
        assertThat(CallbackHandler.contentHash(first)).isEqualTo(CallbackHandler.contentHash(reordered))
                .isNotEqualTo(CallbackHandler.contentHash(changed));
        EnrichedLead lead = first.lead();
        assertThat(lead.getSource()).isEqualTo("clay");
        assertThat(lead.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(lead.getEnrichment()).isEqualTo(Map.of("x", "1", "y", "2"));
    }

    @Test
    void costColumnsFillTheCostFieldsAndKeepWhatIsNotAWholeNumberInEnrichment() throws Exception {
        CallbackMapper mapper = new CallbackMapper(
                ColumnMapping.parse("Actions Used:clay_actions_used,Credits:clay_data_credits_used,Table:clay_table"),
                "clay");
        ObjectMapper json = new ObjectMapper();
        EnrichedLead whole = mapper.map(json.readTree(
                "{\"lead_id\":\"l1\",\"Actions Used\":\"3\",\"Credits\":4.0,\"Table\":\"leads-eu\"}"),
                Instant.EPOCH).lead();
        assertThat(whole.getClayActionsUsed()).isEqualTo(3L);
        assertThat(whole.getClayDataCreditsUsed()).isEqualTo(4L);
        assertThat(whole.getClayTable()).isEqualTo("leads-eu");
        assertThat(whole.getEnrichment()).isEmpty();

        EnrichedLead odd = mapper.map(json.readTree(
                "{\"lead_id\":\"l2\",\"Actions Used\":\"N/A\",\"Credits\":2.5}"), Instant.EPOCH).lead();
        assertThat(odd.getClayActionsUsed()).isNull();
        assertThat(odd.getClayDataCreditsUsed()).isNull();
        assertThat(odd.getClayTable()).isNull();
        assertThat(odd.getEnrichment()).containsEntry("Actions Used", "N/A").containsEntry("Credits", "2.5");
        assertThat(odd.getUnreadableFields()).containsExactly("clay_actions_used", "clay_data_credits_used");

        EnrichedLead none = mapper.map(json.readTree("{\"lead_id\":\"l3\"}"), Instant.EPOCH).lead();
        assertThat(none.getClayActionsUsed()).isNull();
        assertThat(none.getClayDataCreditsUsed()).isNull();
    }

    @Test
    void emailsAreMaskedForLogs() {
        assertThat(Emails.mask("jane.doe@acme.com")).isEqualTo("j***@acme.com");
        assertThat(Emails.mask("nonsense")).isEqualTo("***");
        assertThat(Emails.mask(null)).isEqualTo("null");
    }

    @Test
    void onlyUtf8JsonIsAJsonContentType() {
        assertThat(RequestGuards.isJson("application/json")).isTrue();
        assertThat(RequestGuards.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(RequestGuards.isJson("application/json; charset=iso-8859-1")).isFalse();
        assertThat(RequestGuards.isJson("application/jsonp")).isFalse();
        assertThat(RequestGuards.isJson("text/json")).isFalse();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
