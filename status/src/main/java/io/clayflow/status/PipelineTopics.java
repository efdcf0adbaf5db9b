package io.clayflow.status;

import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics a status reading looks at, named from the pipeline's contract and the names an operator may have
 * changed ({@link StatusCollector.Options}): the pipeline's own, intake's internal ones, the dead letters, the Clay
 * sink's state (its current name and the legacy one), the replay log, the cost ledger.
 */
record PipelineTopics(StatusCollector.Options options) {

    String dlq() {
        return options.dlqTopic();
    }

    String replayLog() {
        return options.replayLogTopic();
    }

    List<String> claySinkState() {
        return options.claySinkStateTopics();
    }

    String dedupeChangelog() {
        return StateStores.changelogTopic(options.intakeApplicationId(), StateStores.Intake.DEDUPE);
    }

    String dedupeRepartition() {
        return StateStores.repartitionTopic(options.intakeApplicationId(), StateStores.Intake.DEDUPE_REPARTITION);
    }

    String throttleChangelog() {
        return StateStores.changelogTopic(options.intakeApplicationId(), StateStores.Intake.THROTTLE_STATE);
    }

    static boolean isRoute(String topic) {
        return topic.startsWith(Topics.ROUTE_PREFIX);
    }

    static String routeName(String topic) {
        return topic.substring(Topics.ROUTE_PREFIX.length());
    }

    /** The topics to read record by record, among those that exist: every route topic included. */
    Set<String> tailed(Set<String> existing) {
        Set<String> wanted = new TreeSet<>(List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                dlq(), replayLog(), dedupeChangelog(), throttleChangelog(), Topics.COST_EVENTS));
        wanted.addAll(claySinkState());
        wanted.retainAll(existing);
        existing.stream().filter(PipelineTopics::isRoute).forEach(wanted::add);
        return wanted;
    }
}
