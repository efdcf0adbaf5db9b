package io.clayflow.fakes.outreach;

import static io.clayflow.fakes.outreach.JsonApiRequest.attributes;
import static io.clayflow.fakes.outreach.JsonApiRequest.data;
import static io.clayflow.fakes.outreach.JsonApiRequest.id;
import static io.clayflow.fakes.outreach.JsonApiRequest.pathId;
import static io.clayflow.fakes.outreach.JsonApiRequest.queryId;
import static io.clayflow.fakes.outreach.JsonApiRequest.relationship;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Outreach's REST API v2, the part a sequencing integration uses: prospects (find by email, create, update) and
 * sequence states (enrol, list). Every request passes the {@link OutreachGate} first (faults, token, hourly limit,
 * media type), then the resource's own checks. Answers are JSON:API documents.
 */
final class OutreachApi {

    private static final long MAX_BODY_BYTES = 1_000_000;

    private final OutreachConfig config;
    private final OutreachStore store;
    private final OutreachGate gate;
    private final JsonApiDocuments documents;

    OutreachApi(Vertx vertx, OutreachConfig config, OutreachStore store, UserRateLimit rateLimit,
                Supplier<String> baseUrl) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.gate = new OutreachGate(vertx, config, rateLimit);
        this.documents = new JsonApiDocuments(baseUrl);
    }

    void mount(Router router) {
        router.route("/api/v2/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        gate.mount(router, "/api/v2/*");
        router.get("/api/v2/prospects").handler(this::findProspects);
        router.get("/api/v2/prospects/:id").handler(this::getProspect);
        router.post("/api/v2/prospects").handler(this::createProspect);
        router.patch("/api/v2/prospects/:id").handler(this::updateProspect);
        router.get("/api/v2/sequenceStates").handler(this::findStates);
        router.post("/api/v2/sequenceStates").handler(this::enroll);
        router.route("/api/v2/*").handler(ctx -> JsonApiResponses.fail(ctx, 404, JsonApiResponses.error(
                "notFound", "Not Found", "No route " + ctx.request().method() + " " + ctx.request().path())));
    }

    void setFaults(OutreachFaults newFaults) {
        gate.setFaults(newFaults);
    }

    OutreachFaults faults() {
        return gate.faults();
    }

    OutreachStats stats() {
        return gate.stats();
    }

    private void findProspects(RoutingContext ctx) {
        String email = ctx.queryParams().get("filter[emails]");
        List<Prospect> found = email == null ? store.prospects() : store.findByEmail(email);
        JsonArray data = new JsonArray();
        found.forEach(p -> data.add(documents.prospectDocument(p)));
        JsonApiResponses.send(ctx, 200, new JsonObject().put("data", data)
                .put("meta", new JsonObject().put("count", found.size())));
    }

    private void getProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            long id = pathId(ctx);
            Prospect prospect = store.prospect(id).orElseThrow(() -> JsonApiRefusal.notFound("prospect", id));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", documents.prospectDocument(prospect)));
        });
    }

    private void createProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            JsonObject data = data(ctx, "prospect");
            Prospect created = store.create(attributes(data));
            JsonApiResponses.send(ctx, 201, new JsonObject().put("data", documents.prospectDocument(created)));
        });
    }

    private void updateProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            long id = pathId(ctx);
            JsonObject data = data(ctx, "prospect");
            Long bodyId = id(data.getValue("id"));
            if (bodyId == null || bodyId != id) {
                throw new JsonApiRefusal(409, JsonApiResponses.error("idMismatch", "Conflict",
                        "data.id must be the id in the URL (" + id + ")."));
            }
            Prospect updated = store.update(id, attributes(data));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", documents.prospectDocument(updated)));
        });
    }

    private void findStates(RoutingContext ctx) {
        handle(ctx, () -> {
            Long prospect = queryId(ctx, "filter[prospect][id]");
            Long sequence = queryId(ctx, "filter[sequence][id]");
            JsonArray data = new JsonArray();
            store.states(prospect, sequence).forEach(s -> data.add(documents.stateDocument(s)));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", data)
                    .put("meta", new JsonObject().put("count", data.size())));
        });
    }

    private void enroll(RoutingContext ctx) {
        handle(ctx, () -> {
            JsonObject data = data(ctx, "sequenceState");
            JsonObject relationships = data.getValue("relationships") instanceof JsonObject r ? r : new JsonObject();
            long prospect = relationship(relationships, "prospect", "Prospect");
            long sequence = relationship(relationships, "sequence", "Sequence");
            long mailbox = relationship(relationships, "mailbox", "Mailbox");
            if (!config.sequenceIds().contains(sequence)) {
                throw JsonApiRefusal.notFound("sequence", sequence);
            }
            if (!config.mailboxIds().contains(mailbox)) {
                throw JsonApiRefusal.notFound("mailbox", mailbox);
            }
            SequenceState state = store.enroll(prospect, sequence, mailbox);
            JsonApiResponses.send(ctx, 201, new JsonObject().put("data", documents.stateDocument(state)));
        });
    }

    private static void handle(RoutingContext ctx, Runnable action) {
        try {
            action.run();
        } catch (JsonApiRefusal refusal) {
            JsonApiResponses.fail(ctx, refusal.status(), refusal.error());
        }
    }
}
