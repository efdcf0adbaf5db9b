package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRequestTest {

    @Test
    void theBodyHasOneInputPerContactUpsertedByEmailWithItsIndexAsTraceId() throws Exception {
        JsonNode body = new ObjectMapper().readTree(new BatchUpsertRequest(List.of(TestLeads.input(1),
                TestLeads.input(2))).body());

        assertThat(body.fieldNames()).toIterable().containsExactly("inputs");
        JsonNode second = body.path("inputs").get(1);
        assertThat(second.path("idProperty").asText()).isEqualTo("email");
        assertThat(second.path("id").asText()).isEqualTo("person2@acme.com");
        assertThat(second.path("objectWriteTraceId").asText()).isEqualTo("1");
        assertThat(second.path("properties").path("jobtitle").asText()).isEqualTo("VP Sales");
        assertThat(second.path("properties").path("clayflow_lead_id").asText()).isEqualTo("lead-2");
    }

    @Test
    void batchesHoldAtMostTheConfiguredNumberOfContacts() {
        List<ContactInput> inputs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            inputs.add(TestLeads.input(i));
        }

        assertThat(new BatchPlanner(100).batches(inputs)).extracting(List::size).containsExactly(100, 100, 50);
    }

    @Test
    void aRepeatedEmailStartsTheNextBatchSoTheLaterRecordLandsLast() {
        ContactInput first = TestLeads.input(1);
        ContactInput other = TestLeads.input(2);
        ContactInput again = TestLeads.DEFAULT_MAPPER.map(TestLeads.record(3),
                TestLeads.lead(1).setTitle("CEO").build());

        List<List<ContactInput>> batches = new BatchPlanner(100).batches(List.of(first, other, again));

        assertThat(batches).containsExactly(List.of(first, other), List.of(again));
    }

    @Test
    void refusesABatchSizeHubSpotWouldRefuse() {
        assertThatThrownBy(() -> new BatchPlanner(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchUpsertRequest(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
