package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The faults the simulator injects, drawn from its seeded random source so a run can be replayed. Webhook faults
 * apply to {@code POST /webhooks/<id>} only; callback faults to the HTTP API column's calls.
 *
 * @param webhookErrorRate         share of webhook requests answered 503
 * @param webhookTimeoutRate       share of webhook requests never answered: held for {@code webhookTimeoutHold},
 *                                 then the connection is closed
 * @param webhookTimeoutHold       how long a "timed out" request is held
 * @param webhookLatency           added before every webhook answer (slow Clay)
 * @param forcedStatus             when not 0, every webhook request is answered with this status (503 = Clay down,
 *                                 429 = a 429 storm, with {@code Retry-After: 1})
 * @param callbackDuplicateRate    share of callbacks sent twice (Clay's auto-update re-running the column)
 * @param callbackReorderRate      share of callbacks delayed by a random extra delay, so they arrive out of order
 * @param callbackReorderMaxDelay  upper bound of that extra delay
 * @param callbackFailureRate      share of rows whose HTTP API column errors: no callback is sent, counted as failed
 * @param callbackLateRate         share of rows whose callback comes {@code callbackLateDelay} later than the others:
 *                                 past a waiting party's timeout, yet it comes
 * @param callbackLateDelay        that extra delay
 */
public record Faults(double webhookErrorRate, double webhookTimeoutRate, Duration webhookTimeoutHold,
                     Duration webhookLatency, int forcedStatus, double callbackDuplicateRate,
                     double callbackReorderRate, Duration callbackReorderMaxDelay, double callbackFailureRate,
                     double callbackLateRate, Duration callbackLateDelay) {

    public static final Duration DEFAULT_TIMEOUT_HOLD = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REORDER_MAX_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LATE_DELAY = Duration.ofMinutes(1);

    /** The JSON field names of {@code GET/PUT /admin/faults}. */
    public static final Set<String> JSON_FIELDS = Set.of("webhook_error_rate", "webhook_timeout_rate",
            "webhook_timeout_hold_ms", "webhook_latency_ms", "forced_status", "callback_duplicate_rate",
            "callback_reorder_rate", "callback_reorder_max_delay_ms", "callback_failure_rate", "callback_late_rate",
            "callback_late_delay_ms");

    public Faults {
        rate("webhook_error_rate", webhookErrorRate);
        rate("webhook_timeout_rate", webhookTimeoutRate);
        rate("callback_duplicate_rate", callbackDuplicateRate);
        rate("callback_reorder_rate", callbackReorderRate);
        rate("callback_failure_rate", callbackFailureRate);
        rate("callback_late_rate", callbackLateRate);
        nonNegative("callback_late_delay_ms", callbackLateDelay);
        nonNegative("webhook_timeout_hold_ms", webhookTimeoutHold);
        nonNegative("webhook_latency_ms", webhookLatency);
        nonNegative("callback_reorder_max_delay_ms", callbackReorderMaxDelay);
        if (forcedStatus != 0 && (forcedStatus < 200 || forcedStatus > 599)) {
            throw new IllegalArgumentException("forced_status must be 0 (off) or an HTTP status 200-599, got "
                    + forcedStatus);
        }
    }

    /** No faults: Clay on a good day. */
    public static Faults none() {
        return new Faults(0, 0, DEFAULT_TIMEOUT_HOLD, Duration.ZERO, 0, 0, 0, DEFAULT_REORDER_MAX_DELAY, 0, 0,
                DEFAULT_LATE_DELAY);
    }

    /** The faults without late callbacks: the shape they had before those were added. */
    public Faults(double webhookErrorRate, double webhookTimeoutRate, Duration webhookTimeoutHold,
                  Duration webhookLatency, int forcedStatus, double callbackDuplicateRate, double callbackReorderRate,
                  Duration callbackReorderMaxDelay, double callbackFailureRate) {
        this(webhookErrorRate, webhookTimeoutRate, webhookTimeoutHold, webhookLatency, forcedStatus,
                callbackDuplicateRate, callbackReorderRate, callbackReorderMaxDelay, callbackFailureRate, 0,
                DEFAULT_LATE_DELAY);
    }

    // The withers go through the admin API's JSON, so Java and PUT /admin/faults describe faults the one same way
    // (durations in whole milliseconds, as the API has them).

    public Faults withWebhookErrorRate(double rate) {
        return with(new JsonObject().put("webhook_error_rate", rate));
    }

    public Faults withWebhookTimeouts(double rate, Duration hold) {
        return with(new JsonObject().put("webhook_timeout_rate", rate).put("webhook_timeout_hold_ms", hold.toMillis()));
    }

    public Faults withWebhookLatency(Duration latency) {
        return with(new JsonObject().put("webhook_latency_ms", latency.toMillis()));
    }

    public Faults withForcedStatus(int status) {
        return with(new JsonObject().put("forced_status", status));
    }

    public Faults withCallbackDuplicateRate(double rate) {
        return with(new JsonObject().put("callback_duplicate_rate", rate));
    }

    public Faults withCallbackReorder(double rate, Duration maxDelay) {
        return with(new JsonObject().put("callback_reorder_rate", rate)
                .put("callback_reorder_max_delay_ms", maxDelay.toMillis()));
    }

    public Faults withCallbackFailureRate(double rate) {
        return with(new JsonObject().put("callback_failure_rate", rate));
    }

    /** This share of rows is called back {@code delay} later than the enrichment delay: past a timeout, yet it comes. */
    public Faults withLateCallbacks(double rate, Duration delay) {
        return with(new JsonObject().put("callback_late_rate", rate).put("callback_late_delay_ms", delay.toMillis()));
    }

    private Faults with(JsonObject changes) {
        return fromJson(toJson().mergeIn(changes));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("webhook_error_rate", webhookErrorRate)
                .put("webhook_timeout_rate", webhookTimeoutRate)
                .put("webhook_timeout_hold_ms", webhookTimeoutHold.toMillis())
                .put("webhook_latency_ms", webhookLatency.toMillis())
                .put("forced_status", forcedStatus)
                .put("callback_duplicate_rate", callbackDuplicateRate)
                .put("callback_reorder_rate", callbackReorderRate)
                .put("callback_reorder_max_delay_ms", callbackReorderMaxDelay.toMillis())
                .put("callback_failure_rate", callbackFailureRate)
                .put("callback_late_rate", callbackLateRate)
                .put("callback_late_delay_ms", callbackLateDelay.toMillis());
    }

    /**
     * The faults a {@code PUT /admin/faults} body describes: the whole set, every field left out meaning "no fault"
     * (so {@code {}} clears them all). An unknown field or a bad value fails naming the field.
     */
    public static Faults fromJson(JsonObject json) {
        Objects.requireNonNull(json, "json");
        Set<String> unknown = new LinkedHashSet<>(json.fieldNames());
        unknown.removeAll(JSON_FIELDS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fault field(s) " + unknown + "; known: " + JSON_FIELDS);
        }
        Faults none = none();
        return new Faults(
                number(json, "webhook_error_rate", 0).doubleValue(),
                number(json, "webhook_timeout_rate", 0).doubleValue(),
                Duration.ofMillis(number(json, "webhook_timeout_hold_ms", none.webhookTimeoutHold.toMillis()).longValue()),
                Duration.ofMillis(number(json, "webhook_latency_ms", 0).longValue()),
                number(json, "forced_status", 0).intValue(),
                number(json, "callback_duplicate_rate", 0).doubleValue(),
                number(json, "callback_reorder_rate", 0).doubleValue(),
                Duration.ofMillis(number(json, "callback_reorder_max_delay_ms",
                        none.callbackReorderMaxDelay.toMillis()).longValue()),
                number(json, "callback_failure_rate", 0).doubleValue(),
                number(json, "callback_late_rate", 0).doubleValue(),
                Duration.ofMillis(number(json, "callback_late_delay_ms", DEFAULT_LATE_DELAY.toMillis()).longValue()));
    }

    private static Number number(JsonObject json, String field, Number absent) {
        Object value = json.getValue(field);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(field + " must be a number, got " + json.getValue(field));
        }
        return number;
    }

    private static void rate(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be between 0.0 and 1.0, got " + value);
        }
    }

    private static void nonNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value.toMillis());
        }
    }
}
