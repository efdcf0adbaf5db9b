package io.clayflow.intake;

import io.clayflow.streams.TaskMetrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
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
    static final String RELEASED = "released";
    /** Clay Actions left in the budget period (the name from when Actions were the only meter). */
    static final String BUDGET_LEFT = "budget-left";
    static final String DATA_CREDITS_LEFT = "data-credits-left";
    static final String BACKLOG_SIZE = "backlog-size";

    /** What the dedupe does with a repeat touch: one counter each, named as the constant in lower case with dashes. */
    enum Repeat {
        /** Repeat touches dropped ({@code cache.policy=drop}). */
        DUPLICATES_DROPPED,
        /** Repeat touches published to leads.enriched with a cached enrichment (not sent to Clay). */
        CACHE_SERVED,
        /** Repeat touches held while their person was in flight at Clay. */
        CACHE_HELD,
        /** Repeat touches sent to Clay again because the cached enrichment was too old. */
        CACHE_REENRICHED,
        /** Held touches sent to Clay after waiting cache.hold.max for their person's enrichment. */
        CACHE_HOLDS_EXPIRED;

        /** The counter's name, e.g. {@code cache-served}. */
        String metricName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private IntakeMetrics() {
    }

    /** A counter per {@link Repeat}, in the task's metrics. */
    static Map<Repeat, Sensor> repeatCounters(TaskMetrics metrics) {
        Map<Repeat, Sensor> counters = new EnumMap<>(Repeat.class);
        for (Repeat repeat : Repeat.values()) {
            counters.put(repeat, metrics.counter(repeat.metricName()));
        }
        return counters;
    }

    /** The metrics of the task {@code context} belongs to; closed by the processor that asked for them. */
    static TaskMetrics of(ProcessorContext<?, ?> context) {
        return new TaskMetrics(context, SCOPE);
    }
}
