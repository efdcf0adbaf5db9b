package io.clayflow.fakes.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Outreach simulator over real HTTP: Outreach's auth, JSON:API shapes, refusals and hourly limit. */
class OutreachSimulatorTest {

    private static final String TOKEN = "t0ken";
    private static final String JSON_API = "application/vnd.api+json";
    private final HttpClient http = HttpClient.newHttpClient();
    private OutreachSimulator outreach;

    @AfterEach
    void stop() {
        if (outreach != null) {
            outreach.close();
        }
    }

    private OutreachSimulator start(OutreachConfig.Builder builder) {
        outreach = OutreachSimulator.start(builder.token(TOKEN).sequence(7).mailbox(3).build());
        return outreach;
    }

    @Test
    void aProspectIsCreatedFoundByEmailAndEnrolledOnce() throws Exception {
        start(OutreachConfig.builder().port(0));

        HttpResponse<String> created = send("POST", "/api/v2/prospects", prospect("Ann@Acme.com", "Ann"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue(JSON_API);
        long id = new JsonObject(created.body()).getJsonObject("data").getLong("id");

        HttpResponse<String> found = send("GET", "/api/v2/prospects?filter%5Bemails%5D="
                + URLEncoder.encode("ann@acme.com", StandardCharsets.UTF_8), null);
        JsonArray data = new JsonObject(found.body()).getJsonArray("data");
        assertThat(data).hasSize(1);
        assertThat(data.getJsonObject(0).getLong("id")).isEqualTo(id);
        assertThat(data.getJsonObject(0).getJsonObject("attributes").getString("firstName")).isEqualTo("Ann");

        assertThat(send("POST", "/api/v2/sequenceStates", enrolment(id, 7, 3)).statusCode()).isEqualTo(201);
        HttpResponse<String> again = send("POST", "/api/v2/sequenceStates", enrolment(id, 7, 3));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(firstError(again).getString("title")).isEqualTo("Validation Error");
        assertThat(firstError(again).getString("detail")).contains("already exists");

        HttpResponse<String> states = send("GET", "/api/v2/sequenceStates?filter%5Bprospect%5D%5Bid%5D=" + id
                + "&filter%5Bsequence%5D%5Bid%5D=7", null);
        assertThat(new JsonObject(states.body()).getJsonArray("data")).hasSize(1);
        assertThat(outreach.sequenceStates(7)).hasSize(1);
        assertThat(outreach.stats().answered("POST /api/v2/sequenceStates", 422)).isEqualTo(1);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a taken email (case-insensitive)", "POST", "/api/v2/prospects",
                        prospect("TAKEN@acme.com", "X").encode(), 422, "Contacts email hash has already been taken."),
                Arguments.of("an excluded domain", "POST", "/api/v2/prospects",
                        prospect("someone@competitor.com", "X").encode(), 422, "excluded email address"),
                Arguments.of("an email that is not one", "POST", "/api/v2/prospects",
                        prospect("not-an-email", "X").encode(), 422, "not a valid email address"),
                Arguments.of("an unknown attribute", "POST", "/api/v2/prospects",
                        new JsonObject().put("data", new JsonObject().put("type", "prospect").put("attributes",
                                new JsonObject().put("first_name", "X"))).encode(), 400, "first_name"),
                Arguments.of("a scalar where Outreach wants a list", "POST", "/api/v2/prospects",
                        new JsonObject().put("data", new JsonObject().put("type", "prospect").put("attributes",
                                new JsonObject().put("emails", "x@y.com"))).encode(), 400, "array of strings"),
                Arguments.of("the wrong resource type", "POST", "/api/v2/prospects",
                        new JsonObject().put("data", new JsonObject().put("type", "account")).encode(), 409,
                        "data.type"),
                Arguments.of("a body that is not JSON", "POST", "/api/v2/prospects", "{nope", 400, "JSON"),
                Arguments.of("an unknown sequence", "POST", "/api/v2/sequenceStates",
                        enrolment(1, 99, 3).encode(), 404, "Could not find 'sequence' with ID '99'."),
                Arguments.of("an unknown mailbox", "POST", "/api/v2/sequenceStates",
                        enrolment(1, 7, 98).encode(), 404, "Could not find 'mailbox' with ID '98'."),
                Arguments.of("an unknown prospect", "POST", "/api/v2/sequenceStates",
                        enrolment(555, 7, 3).encode(), 404, "Could not find 'prospect' with ID '555'."),
                Arguments.of("no mailbox", "POST", "/api/v2/sequenceStates",
                        new JsonObject().put("data", new JsonObject().put("type", "sequenceState")
                                .put("relationships", new JsonObject()
                                        .put("prospect", rel("prospect", 1)).put("sequence", rel("sequence", 7))))
                                .encode(), 422, "Mailbox can't be blank."),
                Arguments.of("a no-op update", "PATCH", "/api/v2/prospects/1",
                        new JsonObject().put("data", new JsonObject().put("type", "prospect").put("id", 1)
                                .put("attributes", new JsonObject().put("firstName", "Taken"))).encode(), 422,
                        "A Contact with this email_hash already exists."),
                Arguments.of("an update of an unknown prospect", "PATCH", "/api/v2/prospects/404",
                        new JsonObject().put("data", new JsonObject().put("type", "prospect").put("id", 404)
                                .put("attributes", new JsonObject().put("firstName", "Y"))).encode(), 404,
                        "Could not find 'prospect' with ID '404'."));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("refusals")
    void refusesLikeOutreach(String what, String method, String path, String body, int status, String detail)
            throws Exception {
        start(OutreachConfig.builder().port(0).excludedDomain("competitor.com"));
        outreach.addProspect(new JsonObject().put("emails", new JsonArray().add("taken@acme.com"))
                .put("firstName", "Taken"));

        HttpResponse<String> response = send(method, path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(firstError(response).getString("detail")).contains(detail);
        assertThat(outreach.prospects()).hasSize(1);
        assertThat(outreach.sequenceStates()).isEmpty();
    }

    @Test
    void anUpdateThatChangesSomethingIsTaken() throws Exception {
        start(OutreachConfig.builder().port(0));
        Prospect ann = outreach.addProspect(new JsonObject().put("emails", new JsonArray().add("ann@acme.com"))
                .put("firstName", "Ann"));

        HttpResponse<String> response = send("PATCH", "/api/v2/prospects/" + ann.id(), new JsonObject().put("data",
                new JsonObject().put("type", "prospect").put("id", String.valueOf(ann.id()))
                        .put("attributes", new JsonObject().put("title", "CTO"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(outreach.prospectByEmail("ann@acme.com").orElseThrow().attributes().getString("title"))
                .isEqualTo("CTO");
    }

    @Test
    void withoutTheBearerTokenOrWithAnotherEverythingIs401() throws Exception {
        start(OutreachConfig.builder().port(0));

        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(outreach.baseUrl()
                + "/api/v2/prospects")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(outreach.baseUrl()
                + "/api/v2/prospects")).header("Authorization", "Bearer nope").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(firstError(wrong).getString("id")).isEqualTo("unauthorized");
    }

    @Test
    void writesInPlainJsonAre415() throws Exception {
        start(OutreachConfig.builder().port(0));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(outreach.baseUrl()
                        + "/api/v2/prospects")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(prospect("a@b.com", "A").encode())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(outreach.prospects()).isEmpty();
    }

    @Test
    void pastTheHourlyLimitItAnswers429WithTheResetAndCountsEarlyRetries() throws Exception {
        start(OutreachConfig.builder().port(0).rateLimit(3, Duration.ofSeconds(2)));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = send("GET", "/api/v2/prospects", null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
        }
        HttpResponse<String> limited = send("GET", "/api/v2/prospects", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(firstError(limited).getString("id")).isEqualTo("rateLimitExceeded");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 3);
        assertThat(outreach.stats().earlyRetries()).isZero();

        assertThat(send("GET", "/api/v2/prospects", null).statusCode()).isEqualTo(429);
        assertThat(outreach.stats().earlyRetries()).as("asked again before the reset").isEqualTo(1);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Instant.now().getEpochSecond() >= reset);
        assertThat(send("GET", "/api/v2/prospects", null).statusCode()).isEqualTo(200);
        assertThat(outreach.stats().withStatus(429)).isEqualTo(2);
    }

    @Test
    void aForcedStatusAnswersEveryRequestUntilCleared() throws Exception {
        start(OutreachConfig.builder().port(0).faults(OutreachFaults.none().withForcedStatus(503)));

        assertThat(send("POST", "/api/v2/prospects", prospect("a@b.com", "A")).statusCode()).isEqualTo(503);
        outreach.setFaults(OutreachFaults.none());
        assertThat(send("POST", "/api/v2/prospects", prospect("a@b.com", "A")).statusCode()).isEqualTo(201);
        assertThat(outreach.prospects()).hasSize(1);
    }

    private HttpResponse<String> send(String method, String path, Object body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(outreach.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON_API).method(method, HttpRequest.BodyPublishers.ofString(
                    body instanceof JsonObject json ? json.encode() : body.toString()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject firstError(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    }

    private static JsonObject prospect(String email, String firstName) {
        return new JsonObject().put("data", new JsonObject().put("type", "prospect").put("attributes",
                new JsonObject().put("emails", new JsonArray().add(email)).put("firstName", firstName)));
    }

    private static JsonObject enrolment(long prospect, long sequence, long mailbox) {
        return new JsonObject().put("data", new JsonObject().put("type", "sequenceState").put("relationships",
                new JsonObject().put("prospect", rel("prospect", prospect)).put("sequence", rel("sequence", sequence))
                        .put("mailbox", rel("mailbox", mailbox))));
    }

    private static JsonObject rel(String type, long id) {
        return new JsonObject().put("data", new JsonObject().put("type", type).put("id", id));
    }
}
