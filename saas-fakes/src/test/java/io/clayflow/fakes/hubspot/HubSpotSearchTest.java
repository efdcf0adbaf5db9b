package io.clayflow.fakes.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's contacts search, batch read and batch update by id, over loopback HTTP, with HubSpot's limits. */
class HubSpotSearchTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HubSpotSimulator hubspot;

    @BeforeEach
    void start() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).searchPerSecond(1000).build());
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void searchFiltersSortsAndPagesWithAfter() {
        List<HubSpotContact> contacts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            contacts.add(hubspot.createContact(Map.of("email", "s" + i + "@acme.com", "jobtitle", i % 2 == 0 ? "CTO"
                    : "VP")));
        }
        JsonObject query = new JsonObject().put("filterGroups", new JsonArray().add(new JsonObject()
                        .put("filters", new JsonArray().add(filter("jobtitle", "EQ", "cto")))))
                .put("sorts", new JsonArray().add(new JsonObject().put("propertyName", "hs_object_id")
                        .put("direction", "DESCENDING")))
                .put("properties", new JsonArray().add("jobtitle")).put("limit", 5);

        JsonObject first = new JsonObject(post("/crm/v3/objects/contacts/search", query).body());
        JsonObject second = new JsonObject(post("/crm/v3/objects/contacts/search", query.copy()
                .put("after", first.getJsonObject("paging").getJsonObject("next").getString("after"))).body());

        assertThat(first.getInteger("total")).isEqualTo(13);
        List<String> ids = new ArrayList<>();
        first.getJsonArray("results").forEach(r -> ids.add(((JsonObject) r).getString("id")));
        second.getJsonArray("results").forEach(r -> ids.add(((JsonObject) r).getString("id")));
        assertThat(ids).containsExactly(contacts.get(24).id(), contacts.get(22).id(), contacts.get(20).id(),
                contacts.get(18).id(), contacts.get(16).id(), contacts.get(14).id(), contacts.get(12).id(),
                contacts.get(10).id(), contacts.get(8).id(), contacts.get(6).id());
        assertThat(first.getJsonArray("results").getJsonObject(0).getJsonObject("properties").fieldNames())
                .containsExactlyInAnyOrder("jobtitle", "hs_object_id", "createdate", "lastmodifieddate");
    }

    @Test
    void lastModifiedDateFiltersTakeEpochMillisAndTheWindowIsHalfOpen() {
        HubSpotContact a = hubspot.createContact(Map.of("email", "a@acme.com"));
        HubSpotContact b = hubspot.updateContact(a.id(), Map.of("jobtitle", "CEO")).orElseThrow();
        long at = b.lastModified().toEpochMilli();
        JsonObject query = new JsonObject().put("filterGroups", new JsonArray().add(new JsonObject()
                .put("filters", new JsonArray().add(filter("lastmodifieddate", "GTE", Long.toString(at)))
                        .add(filter("lastmodifieddate", "LTE", Long.toString(at))))));

        assertThat(new JsonObject(post("/crm/v3/objects/contacts/search", query).body()).getInteger("total"))
                .isEqualTo(1);
        query.getJsonArray("filterGroups").getJsonObject(0).getJsonArray("filters").getJsonObject(0)
                .put("operator", "GT");
        assertThat(new JsonObject(post("/crm/v3/objects/contacts/search", query).body()).getInteger("total"))
                .isZero();
    }

    @Test
    void hubSpotsSearchLimitsAreRefused() {
        assertThat(post("/crm/v3/objects/contacts/search", new JsonObject().put("limit", 201)).statusCode())
                .isEqualTo(400);
        HttpResponse<String> past10k = post("/crm/v3/objects/contacts/search",
                new JsonObject().put("limit", 100).put("after", "9950"));
        assertThat(past10k.statusCode()).isEqualTo(400);
        assertThat(past10k.body()).contains("10000");
        assertThat(post("/crm/v3/objects/contacts/search", new JsonObject().put("sorts", new JsonArray()
                .add("createdate").add("email"))).statusCode()).isEqualTo(400);
    }

    @Test
    void theSearchEndpointsOwnPerSecondLimitAnswers429Secondly() {
        hubspot.close();
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).searchPerSecond(2).build());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post("/crm/v3/objects/contacts/search", new JsonObject()).statusCode());
        }
        HttpResponse<String> refused = post("/crm/v3/objects/contacts/search", new JsonObject());

        assertThat(statuses).startsWith(200, 200).contains(429);
        assertThat(refused.body()).contains("SECONDLY");
    }

    @Test
    void batchReadReturnsTheContactsItHasAndNamesTheOthers() {
        HubSpotContact a = hubspot.createContact(Map.of("firstname", "NoEmail"));
        JsonObject body = new JsonObject().put("inputs", new JsonArray().add(new JsonObject().put("id", a.id()))
                .add(new JsonObject().put("id", "424242"))).put("properties", new JsonArray().add("firstname"));

        HttpResponse<String> response = post("/crm/v3/objects/contacts/batch/read", body);

        assertThat(response.statusCode()).isEqualTo(207);
        JsonObject json = new JsonObject(response.body());
        assertThat(json.getJsonArray("results").getJsonObject(0).getJsonObject("properties")
                .getString("firstname")).isEqualTo("NoEmail");
        assertThat(json.getJsonArray("errors").getJsonObject(0).getString("category")).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(json.getJsonArray("errors").getJsonObject(0).getJsonObject("context").getJsonArray("ids"))
                .containsExactly("424242");
    }

    @Test
    void batchUpdateByIdChangesTheContactInPlaceAndMovesItsLastModifiedDate() {
        HubSpotContact a = hubspot.createContact(Map.of("firstname", "Grace"));
        JsonObject body = new JsonObject().put("inputs", new JsonArray().add(new JsonObject().put("id", a.id())
                .put("properties", new JsonObject().put("industry", "Navy"))));

        HttpResponse<String> response = post("/crm/v3/objects/contacts/batch/update", body);

        assertThat(response.statusCode()).isEqualTo(200);
        HubSpotContact updated = hubspot.contactById(a.id()).orElseThrow();
        assertThat(updated.properties()).containsEntry("industry", "Navy").containsEntry("firstname", "Grace");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.lastModified()).isAfterOrEqualTo(a.lastModified());
        assertThat(hubspot.contacts()).hasSize(1);
        assertThat(post("/crm/v3/objects/contacts/batch/update", new JsonObject().put("inputs", new JsonArray()
                .add(new JsonObject().put("id", a.id()).put("properties", new JsonObject().put("nope", "x")))))
                .statusCode()).isEqualTo(400);
    }

    private static JsonObject filter(String property, String operator, String value) {
        return new JsonObject().put("propertyName", property).put("operator", operator).put("value", value);
    }

    private HttpResponse<String> post(String path, JsonObject body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(hubspot.baseUrl() + path))
                    .header("Authorization", "Bearer " + HubSpotConfig.DEFAULT_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
