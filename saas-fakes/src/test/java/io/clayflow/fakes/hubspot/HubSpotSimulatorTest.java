package io.clayflow.fakes.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubSpotSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "pat-test";

    private HubSpotSimulator hubspot;

    @BeforeEach
    void start() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).token(TOKEN).property("clayflow_lead_id")
                .rateLimit(5, Duration.ofSeconds(1000)).build());
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void upsertsNewContactsByEmailAndAnswers200WithResults() {
        HttpResponse<String> response = upsert(TOKEN, body(input("ada@acme.com", Map.of("firstname", "Ada")),
                input("Alan@Acme.com", Map.of("firstname", "Alan"))));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject json = new JsonObject(response.body());
        assertThat(json.getString("status")).isEqualTo("COMPLETE");
        assertThat(json.getJsonArray("results")).hasSize(2);
        assertThat(json.getJsonArray("results").getJsonObject(0).getBoolean("new")).isTrue();
        assertThat(json.containsKey("errors")).isFalse();
        assertThat(hubspot.contacts()).extracting(HubSpotContact::email).containsExactly("ada@acme.com", "alan@acme.com");
        assertThat(hubspot.contact("ADA@acme.com")).get().extracting(c -> c.property("firstname")).isEqualTo("Ada");
    }

    @Test
    void upsertingTheSameEmailAgainUpdatesTheContactInsteadOfAddingOne() {
        upsert(TOKEN, body(input("ada@acme.com", Map.of("firstname", "Ada", "jobtitle", "Engineer"))));

        HttpResponse<String> again = upsert(TOKEN, body(input("ADA@acme.com", Map.of("jobtitle", "CTO"))));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getJsonArray("results").getJsonObject(0).getBoolean("new")).isFalse();
        assertThat(hubspot.contacts()).hasSize(1);
        HubSpotContact ada = hubspot.contact("ada@acme.com").orElseThrow();
        assertThat(ada.version()).isEqualTo(2);
        assertThat(ada.properties()).containsEntry("jobtitle", "CTO").containsEntry("firstname", "Ada");
        assertThat(hubspot.stats().contactsCreated()).isEqualTo(1);
        assertThat(hubspot.stats().contactsUpdated()).isEqualTo(1);
    }

    @Test
    void anInvalidEmailFailsOnlyItsInputWith207AndTheRestAreUpserted() {
        JsonObject bad = input("not-an-email@", Map.of("firstname", "Bad")).put("objectWriteTraceId", "1");
        HttpResponse<String> response = upsert(TOKEN, body(input("ada@acme.com", Map.of()).put("objectWriteTraceId",
                "0"), bad, input("alan@acme.com", Map.of()).put("objectWriteTraceId", "2")));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonObject json = new JsonObject(response.body());
        assertThat(json.getInteger("numErrors")).isEqualTo(1);
        JsonObject error = json.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("category")).isEqualTo("VALIDATION_ERROR");
        assertThat(error.getString("message")).contains("INVALID_EMAIL").contains("not-an-email@");
        assertThat(error.getJsonObject("context").getJsonArray("objectWriteTraceId")).containsExactly("1");
        assertThat(error.getJsonObject("context").getJsonArray("ids")).containsExactly("not-an-email@");
        assertThat(json.getJsonArray("results")).hasSize(2);
        assertThat(hubspot.contacts()).extracting(HubSpotContact::email).containsExactly("ada@acme.com", "alan@acme.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown property refused whole       | {"inputs":[{"idProperty":"email","id":"a@acme.com","properties":{"favourite_food":"x"}}]} | PROPERTY_DOESNT_EXIST
            idProperty must be email             | {"inputs":[{"idProperty":"hs_object_id","id":"a@acme.com","properties":{}}]}          | non-unique
            idProperty is required               | {"inputs":[{"id":"a@acme.com","properties":{}}]}                                      | idProperty is required
            the same email twice                 | {"inputs":[{"idProperty":"email","id":"a@acme.com"},{"idProperty":"email","id":"A@acme.com"}]} | Duplicate IDs
            no inputs                            | {"inputs":[]}                                                                          | non-empty array
            not JSON                             | inputs please                                                                          | Invalid input JSON
            """)
    void aBadBatchIsRefusedWholeWith400ValidationErrorAndWritesNothing(String name, String body, String expected) {
        HttpResponse<String> response = upsert(TOKEN, body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject json = new JsonObject(response.body());
        assertThat(json.getString("status")).isEqualTo("error");
        assertThat(json.getString("category")).isEqualTo("VALIDATION_ERROR");
        assertThat(json.getString("message")).contains(expected);
        assertThat(hubspot.contacts()).isEmpty();
    }

    @Test
    void anUnknownPropertyNamesItInTheErrorsContext() {
        JsonObject json = new JsonObject(upsert(TOKEN, body(input("a@acme.com", Map.of("favourite_food", "x"))))
                .body());

        JsonObject error = json.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("code")).isEqualTo("PROPERTY_DOESNT_EXIST");
        assertThat(error.getJsonObject("context").getJsonArray("propertyName")).containsExactly("favourite_food");
    }

    @Test
    void moreThanOneHundredInputsAreRefused() {
        JsonArray inputs = new JsonArray();
        for (int i = 0; i < 101; i++) {
            inputs.add(input("p" + i + "@acme.com", Map.of()));
        }

        HttpResponse<String> response = upsert(TOKEN, new JsonObject().put("inputs", inputs).encode());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("message")).contains("101").contains("100");
        assertThat(hubspot.contacts()).isEmpty();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @CsvSource(nullValues = "none", value = {"none", "Bearer wrong-token", "Basic cGF0LXRlc3Q="})
    void withoutTheRightBearerTokenTheAnswerIs401(String authorization) {
        HttpResponse<String> response = authorization == null
                ? send(request().POST(HttpRequest.BodyPublishers.ofString(body(input("a@acme.com", Map.of())))))
                : send(request().header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(body(input("a@acme.com", Map.of())))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(response.body()).getString("category")).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(hubspot.contacts()).isEmpty();
    }

    @Test
    void pastTheRollingLimitTheAnswerIs429WithHubSpotsHeadersAndPolicy() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = upsert(TOKEN, body(input("p" + i + "@acme.com", Map.of())));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue(String.valueOf(4 - i));
        }

        HttpResponse<String> refused = upsert(TOKEN, body(input("late@acme.com", Map.of())));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("5");
        assertThat(refused.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).hasValue("1000000");
        assertThat(refused.headers().firstValue("X-HubSpot-RateLimit-Daily")).isPresent();
        assertThat(refused.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")).isPresent();
        JsonObject json = new JsonObject(refused.body());
        assertThat(json.getString("policyName")).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(json.getString("errorType")).isEqualTo("RATE_LIMIT");
        assertThat(hubspot.contact("late@acme.com")).isEmpty();
    }

    @Test
    void aForced429StormAnswersWithRetryAfterAndAForced503WithNothingWritten() {
        hubspot.setFaults(HubSpotFaults.none().with429Storm(Duration.ofSeconds(3)));
        HttpResponse<String> storm = upsert(TOKEN, body(input("a@acme.com", Map.of())));
        hubspot.setFaults(HubSpotFaults.none().withForcedStatus(503));
        HttpResponse<String> down = upsert(TOKEN, body(input("a@acme.com", Map.of())));
        hubspot.setFaults(HubSpotFaults.none());
        HttpResponse<String> back = upsert(TOKEN, body(input("a@acme.com", Map.of())));

        assertThat(storm.statusCode()).isEqualTo(429);
        assertThat(storm.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(hubspot.contact("a@acme.com")).get().extracting(HubSpotContact::version).isEqualTo(1);
        assertThat(hubspot.stats().requestsByStatus()).containsEntry(429, 1L).containsEntry(503, 1L)
                .containsEntry(200, 1L);
    }

    @Test
    void aValueOverTheLengthLimitRefusesTheWholeBatch() {
        HttpResponse<String> response = upsert(TOKEN, body(input("a@acme.com", Map.of("firstname", "A")),
                input("b@acme.com", Map.of("firstname", "x".repeat(HubSpotConfig.DEFAULT_MAX_VALUE_LENGTH + 1)))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("message")).contains("firstname");
        assertThat(hubspot.contacts()).isEmpty();
    }

    @Test
    void theAdminApiListsContactsAndStats() {
        upsert(TOKEN, body(input("a@acme.com", Map.of("clayflow_lead_id", "L1"))));

        JsonObject contacts = new JsonObject(send(HttpRequest.newBuilder(URI.create(hubspot.baseUrl()
                + "/admin/contacts")).GET()).body());
        JsonObject stats = new JsonObject(send(HttpRequest.newBuilder(URI.create(hubspot.baseUrl() + "/admin/stats"))
                .GET()).body());

        assertThat(contacts.getInteger("count")).isEqualTo(1);
        assertThat(contacts.getJsonArray("contacts").getJsonObject(0).getJsonObject("properties")
                .getString("clayflow_lead_id")).isEqualTo("L1");
        assertThat(stats.getLong("requests")).isEqualTo(1);
    }

    private static JsonObject input(String email, Map<String, String> properties) {
        return new JsonObject().put("idProperty", "email").put("id", email)
                .put("properties", new JsonObject(Map.copyOf(properties)));
    }

    private static String body(JsonObject... inputs) {
        JsonArray array = new JsonArray();
        for (JsonObject input : inputs) {
            array.add(input);
        }
        return new JsonObject().put("inputs", array).encode();
    }

    private HttpResponse<String> upsert(String token, String body) {
        return send(request().header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(hubspot.baseUrl() + "/crm/v3/objects/contacts/batch/upsert"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
