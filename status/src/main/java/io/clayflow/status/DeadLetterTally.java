package io.clayflow.status;

import io.clayflow.schemas.Stage;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;

/** Dead letters counted by stage, then reason, as their headers ({@link DeadLetterInfo}) name them. */
final class DeadLetterTally {

    /** Intake's stages after its repartition by {@code lead_id}: a dead letter there was not refused as invalid. */
    private static final Set<String> AFTER_DEDUPE = Set.of(Stage.INTAKE_DEDUPE.wireName(),
            Stage.INTAKE_THROTTLE.wireName());
    private static final String INTAKE = "intake.";

    private final Map<String, Map<String, Long>> byStage = new TreeMap<>();

    void add(Headers headers) {
        DeadLetterInfo info = DeadLetterInfo.parse(headers);
        byStage.computeIfAbsent(info.stage(), stage -> new TreeMap<>()).merge(info.reason(), 1L, Long::sum);
    }

    /** Whether a stage is one of intake's before dedupe (decode, validate, normalize): its refusals are invalid leads. */
    static boolean beforeDedupe(String stage) {
        return stage.startsWith(INTAKE) && !AFTER_DEDUPE.contains(stage);
    }

    /** Dead letters of intake's stages before dedupe. */
    long invalid() {
        return count(DeadLetterTally::beforeDedupe);
    }

    /** Dead letters of intake's dedupe stage. */
    long atDedupe() {
        return count(Stage.INTAKE_DEDUPE.wireName()::equals);
    }

    private long count(Predicate<String> stage) {
        return byStage.entrySet().stream().filter(entry -> stage.test(entry.getKey()))
                .flatMap(entry -> entry.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }

    /** An unmodifiable copy: stage, then reason, then count. */
    Map<String, Map<String, Long>> byStage() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        byStage.forEach((stage, reasons) -> copy.put(stage, Collections.unmodifiableMap(new TreeMap<>(reasons))));
        return Collections.unmodifiableMap(copy);
    }
}
