package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.schemas.Lead;
import org.junit.jupiter.api.Test;

class ClayRowTest {

    @Test
    void carriesTheLeadsFieldsFlatWithLeadIdAndIsoTimes() throws Exception {
        JsonNode row = new ObjectMapper().readTree(TestRows.row(7).json());

        assertThat(row.path("lead_id").asText()).isEqualTo("lead-7");
        assertThat(row.path("email").asText()).isEqualTo("person7@acme.com");
        assertThat(row.path("company_domain").asText()).isEqualTo("acme.com");
        assertThat(row.path("occurred_at").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(row.path("attributes").path("plan").asText()).isEqualTo("pro");
        assertThat(row.has("phone")).as("null fields are left out").isFalse();
    }

    @Test
    void refusesALeadWithoutLeadIdSinceClaysCallbackCouldNotBeMatched() {
        Lead lead = Lead.newBuilder(TestRows.lead(1)).setLeadId(null).build();

        assertThatThrownBy(() -> ClayRow.of(TestRows.record(1), lead))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lead_id");
    }
}
