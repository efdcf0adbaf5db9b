package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The simulated Clay workspace: its webhooks and the rate limit they share. Decides, atomically, what becomes of a
 * valid, authenticated request: refused at the webhook's lifetime cap, refused by the rate limit, or taken, each row
 * then added to the table, dropped as a duplicate, or dropped because the table is full.
 */
final class Workspace {

    /** What became of a submitted request. */
    sealed interface Submission permits Accepted, CapReached, RateLimited {
    }

    /** Taken: every row counts against the webhook's cap; {@code added} are the rows now in the table. */
    record Accepted(List<JsonObject> added, int duplicates, int tableFull) implements Submission {
    }

    /** Refused whole: the rows would take the webhook past its lifetime cap. */
    record CapReached(long used, long cap) implements Submission {
    }

    /** Refused whole: the workspace's bucket lacks the tokens; retry after that many seconds. */
    record RateLimited(long retryAfterSeconds) implements Submission {
    }

    private final boolean tableDedupe;
    private volatile boolean creditsExhausted;
    private final WorkspaceRateLimit bucket;
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();

    Workspace(SimulatorConfig config, LongSupplier nanoClock) {
        this.tableDedupe = config.tableDedupe();
        this.bucket = new WorkspaceRateLimit(config.ratePerSecond(), config.burst(), nanoClock);
        this.creditsExhausted = config.creditsExhausted();
        config.webhooks().forEach(this::addWebhook);
    }

    /** Whether the workspace is out of credits: every webhook request is then answered 402. */
    boolean creditsExhausted() {
        return creditsExhausted;
    }

    void setCreditsExhausted(boolean exhausted) {
        this.creditsExhausted = exhausted;
    }

    /** @throws IllegalArgumentException when a webhook with that id exists */
    synchronized Webhook addWebhook(WebhookConfig config) {
        if (webhooks.containsKey(config.id())) {
            throw new IllegalArgumentException("webhook '" + config.id() + "' already exists");
        }
        Webhook webhook = new Webhook(config, tableDedupe);
        webhooks.put(config.id(), webhook);
        return webhook;
    }

    synchronized Optional<Webhook> webhook(String id) {
        return Optional.ofNullable(webhooks.get(id));
    }

    synchronized List<Webhook> webhooks() {
        return new ArrayList<>(webhooks.values());
    }

    /**
     * Rows are valid and authenticated; each carries a {@code lead_id}, but the one row an array taken whole becomes.
     * The cap is checked before tokens are taken.
     */
    synchronized Submission submit(Webhook webhook, List<JsonObject> rows) {
        if (!webhook.hasRoomFor(rows.size())) {
            return new CapReached(webhook.submissions(), webhook.config().submissionCap());
        }
        long retryAfter = bucket.tryTake(rows.size());
        if (retryAfter > 0) {
            return new RateLimited(retryAfter);
        }
        webhook.recordSubmissions(rows.size());
        List<JsonObject> added = new ArrayList<>();
        int duplicates = 0;
        int tableFull = 0;
        for (JsonObject row : rows) {
            switch (webhook.table().add(row.getString(WebhookRequest.LEAD_ID), row)) {
                case ADDED -> added.add(row);
                case DUPLICATE -> duplicates++;
                case TABLE_FULL -> tableFull++;
                default -> throw new IllegalStateException();
            }
        }
        return new Accepted(added, duplicates, tableFull);
    }
}
