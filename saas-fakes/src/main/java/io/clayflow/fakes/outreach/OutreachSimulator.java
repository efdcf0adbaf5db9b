package io.clayflow.fakes.outreach;

import io.clayflow.fakes.SaasFake;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stand-in for an Outreach org's REST API v2 (prospects and sequence states) with Outreach's auth, JSON:API
 * shapes, errors and hourly limit, plus a Java API and {@code /admin/*} endpoints to read what it holds. Start one with
 * {@link #start(OutreachConfig)} (blocking, owns its Vert.x) or {@link #start(Vertx, OutreachConfig)}.
 */
public final class OutreachSimulator extends SaasFake<OutreachConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(OutreachSimulator.class);

    private final OutreachStore store;
    private final OutreachApi api;

    private OutreachSimulator(Vertx vertx, boolean ownsVertx, OutreachConfig config) {
        super(vertx, ownsVertx, "Outreach simulator", config.host(), config.port(), config);
        this.store = new OutreachStore(config.excludedDomains(), Instant::now);
        this.api = new OutreachApi(vertx, config, store,
                new UserRateLimit(config.requestsPerWindow(), config.window().toMillis(), System::currentTimeMillis),
                this::baseUrl);
    }

    /** Starts a simulator on {@code vertx}, which stays the caller's to close. */
    public static Future<OutreachSimulator> start(Vertx vertx, OutreachConfig config) {
        return startOn(vertx, config, OutreachSimulator::new);
    }

    /** Starts a simulator on a Vert.x of its own and waits until it listens. */
    public static OutreachSimulator start(OutreachConfig config) {
        return startOwned(config, OutreachSimulator::new, "the Outreach simulator");
    }

    @Override
    protected void mount(Router router) {
        api.mount(router);
        router.get("/admin/stats").handler(ctx -> admin(ctx, stats().toJson()));
        router.get("/admin/prospects").handler(ctx -> {
            JsonArray list = new JsonArray();
            prospects().forEach(p -> list.add(new JsonObject().put("id", p.id()).put("attributes", p.attributes())));
            admin(ctx, new JsonObject().put("count", list.size()).put("prospects", list));
        });
        router.get("/admin/sequenceStates").handler(ctx -> {
            JsonArray list = new JsonArray();
            sequenceStates().forEach(s -> list.add(new JsonObject().put("id", s.id()).put("prospect_id", s.prospectId())
                    .put("sequence_id", s.sequenceId()).put("mailbox_id", s.mailboxId()).put("state", s.state())));
            admin(ctx, new JsonObject().put("count", list.size()).put("sequence_states", list));
        });
        router.get("/health").handler(ctx -> admin(ctx, new JsonObject().put("status", "UP")));
    }

    private static void admin(RoutingContext ctx, JsonObject body) {
        SaasFake.json(ctx, 200, body);
    }

    /** The prospects, in the order they were created. */
    public List<Prospect> prospects() {
        return store.prospects();
    }

    /** The prospect holding an email (compared case-insensitively), if any. */
    public java.util.Optional<Prospect> prospectByEmail(String email) {
        return store.findByEmail(email).stream().findFirst();
    }

    /** Every sequence state, in the order they were created. */
    public List<SequenceState> sequenceStates() {
        return store.states(null, null);
    }

    /** The sequence states of one sequence. */
    public List<SequenceState> sequenceStates(long sequenceId) {
        return store.states(null, sequenceId);
    }

    /**
     * Adds a prospect as if someone had created it in Outreach (not counted as a request).
     *
     * @throws IllegalArgumentException when Outreach would refuse it (a taken or excluded email, a bad attribute)
     */
    public Prospect addProspect(JsonObject attributes) {
        try {
            return store.create(attributes);
        } catch (JsonApiRefusal refusal) {
            throw new IllegalArgumentException(refusal.getMessage(), refusal);
        }
    }

    /** Enrols a prospect in a sequence as if a rep had (not counted as a request). */
    public SequenceState enroll(long prospectId, long sequenceId, long mailboxId) {
        try {
            return store.enroll(prospectId, sequenceId, mailboxId);
        } catch (JsonApiRefusal refusal) {
            throw new IllegalArgumentException(refusal.getMessage(), refusal);
        }
    }

    public void setFaults(OutreachFaults faults) {
        api.setFaults(faults);
        LOG.info("Outreach faults now {}", faults);
    }

    public OutreachFaults faults() {
        return api.faults();
    }

    public OutreachStats stats() {
        return api.stats();
    }


}
