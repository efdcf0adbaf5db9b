package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.Prospect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upserting prospects against the Outreach fake over real HTTP. */
class ProspectUpserterTest {

    private OutreachFake outreach;

    @AfterEach
    void stop() {
        outreach.close();
    }

    private ProspectUpserter upserter(OutreachConfig.Builder builder) {
        outreach = new OutreachFake(builder);
        return new ProspectUpserter(outreach.client());
    }

    private static ObjectNode attributes(String firstName, String title) {
        return JsonNodeFactory.instance.objectNode().put("firstName", firstName).put("title", title);
    }

    @Test
    void aNewEmailIsCreatedAndTheSameLeadAgainChangesNothing() throws Exception {
        ProspectUpserter upserter = upserter(OutreachConfig.builder());

        ProspectUpserter.Upserted first = upserter.upsert("ann@acme.com", attributes("Ann", "CTO"));
        ProspectUpserter.Upserted again = upserter.upsert("ann@acme.com", attributes("Ann", "CTO"));

        assertThat(first.action()).isEqualTo(ProspectUpserter.Action.CREATED);
        assertThat(again).isEqualTo(new ProspectUpserter.Upserted(first.prospectId(), ProspectUpserter.Action.UNCHANGED));
        assertThat(outreach.simulator.prospects()).hasSize(1);
        assertThat(outreach.simulator.stats().answered("PATCH /api/v2/prospects/{id}")).as("no needless update")
                .isZero();
    }

    @Test
    void anExistingProspectGetsOnlyTheAttributesThatChanged() throws Exception {
        ProspectUpserter upserter = upserter(OutreachConfig.builder());
        Prospect ann = outreach.simulator.addProspect(new JsonObject().put("emails", new JsonArray().add("Ann@Acme.com"))
                .put("firstName", "Ann").put("title", "VP").put("custom9", "kept"));

        ProspectUpserter.Upserted result = upserter.upsert("ann@acme.com", attributes("Ann", "CTO"));

        assertThat(result).isEqualTo(new ProspectUpserter.Upserted(ann.id(), ProspectUpserter.Action.UPDATED));
        JsonObject now = outreach.simulator.prospects().get(0).attributes();
        assertThat(now.getString("title")).isEqualTo("CTO");
        assertThat(now.getString("custom9")).isEqualTo("kept");
        assertThat(outreach.simulator.stats().answered("PATCH /api/v2/prospects/{id}", 200)).isEqualTo(1);
    }

    @Test
    void aProspectOutreachRefusesIsARefusalWithOutreachsMessage() {
        ProspectUpserter upserter = upserter(OutreachConfig.builder().excludedDomain("rival.com"));

        assertThatThrownBy(() -> upserter.upsert("bob@rival.com", attributes("Bob", "CEO")))
                .isInstanceOf(OutreachRejectedException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("Validation Error: Contacts contact is using an excluded email address.");
        assertThat(outreach.simulator.prospects()).isEmpty();
    }

    @Test
    void aWrongTokenFailsTheTaskNamingTheKey() {
        outreach = new OutreachFake(OutreachConfig.builder());
        ProspectUpserter upserter = new ProspectUpserter(outreach.client("wrong", Map.of()));

        assertThatThrownBy(() -> upserter.upsert("ann@acme.com", attributes("Ann", "CTO")))
                .isInstanceOf(ConnectException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining(OutreachSinkConfig.TOKEN).hasMessageNotContaining("wrong");
    }
}
