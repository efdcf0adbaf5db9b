package io.clayflow.status.page;

import io.clayflow.status.PipelineStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The funnel as the page, {@code /status.json} and the gauges show it, in one order: raw, valid (raw less intake's
 * refusals), unique (valid less duplicates dropped), released, sent to Clay (released less the Clay sink's lag),
 * enriched. A stage that cannot be known yet is null.
 */
public final class StatusFunnel {

    /** Each stage's key (the gauge's {@code stage} label, the JSON's {@code key}) and the page's label, in order. */
    public static final Map<String, String> LABELS = labels();

    private StatusFunnel() {
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("raw", "Raw");
        labels.put("valid", "Valid");
        labels.put("unique", "Unique");
        labels.put("released", "Released to Clay");
        labels.put("sent_to_clay", "Sent to Clay");
        labels.put("enriched", "Enriched");
        return Collections.unmodifiableMap(labels);
    }

    /** The stages' counts by key, in funnel order. */
    public static Map<String, Long> stages(PipelineStatus status) {
        Long valid = status.raw() == null ? null : Math.max(0, status.raw() - orZero(status.invalid()));
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("raw", status.raw());
        stages.put("valid", valid);
        stages.put("unique", valid == null ? null : Math.max(0, valid - orZero(status.duplicatesDropped())));
        stages.put("released", status.released());
        stages.put("sent_to_clay", sentToClay(status));
        stages.put("enriched", status.enriched());
        return stages;
    }

    /** Outbox records the Clay sink has committed: released minus its lag; null without a reading or a sink group. */
    public static Long sentToClay(PipelineStatus status) {
        if (status == null || status.released() == null || status.claySenderLag().isEmpty()) {
            return null;
        }
        return Math.max(0, status.released() - claySenderLag(status));
    }

    /** The Clay sink's lag: the largest of its groups' (normally there is one). */
    static long claySenderLag(PipelineStatus status) {
        return status.claySenderLag().values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Credits left of the period's budget, or null before intake spent any. */
    static Long creditsLeft(PipelineStatus status, long creditsPerPeriod) {
        return status.creditsSpent() == null ? null : Math.max(0, creditsPerPeriod - status.creditsSpent());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
