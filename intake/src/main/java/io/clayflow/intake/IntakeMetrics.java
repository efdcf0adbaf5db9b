package io.clayflow.intake;

import io.clayflow.streams.TaskMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Intake's own metrics, in group {@value #GROUP}, tagged {@code thread-id} and {@code clayflow-intake-id} (the
 * task id): counters {@code duplicates-dropped}, {@code released}, {@code cache-served}, {@code cache-held},
 * {@code cache-reenriched} and {@code cache-holds-expired} ({@code -total}, {@code -rate}), gauges
 * {@code budget-left} (Actions), {@code data-credits-left} and {@code backlog-size}.
 */
final class IntakeMetrics {

    static final String SCOPE = "clayflow-intake";
    static final String GROUP = "stream-" + SCOPE + "-metrics";
    static final String DUPLICATES_DROPPED = "duplicates-dropped";
    static final String RELEASED = "released";
    /** Repeat touches published to leads.enriched with a cached enrichment (not sent to Clay). */
    static final String CACHE_SERVED = "cache-served";
    /** Repeat touches held while their person was in flight at Clay. */
    static final String CACHE_HELD = "cache-held";
    /** Repeat touches sent to Clay again because the cached enrichment was too old. */
    static final String CACHE_REENRICHED = "cache-reenriched";
    /** Held touches sent to Clay after waiting cache.hold.max for their person's enrichment. */
    static final String CACHE_HOLDS_EXPIRED = "cache-holds-expired";
    /** Clay Actions left in the budget period (the name from when Actions were the only meter). */
    static final String BUDGET_LEFT = "budget-left";
    static final String DATA_CREDITS_LEFT = "data-credits-left";
    static final String BACKLOG_SIZE = "backlog-size";

    private IntakeMetrics() {
    }

    /** The metrics of the task {@code context} belongs to; closed by the processor that asked for them. */
    static TaskMetrics of(ProcessorContext<?, ?> context) {
        return new TaskMetrics(context, SCOPE);
    }
}
