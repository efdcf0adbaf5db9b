package io.clayflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The names on the wire of the contract's enums, spelled out: they come from the constants' names, so renaming a
 * constant would rename a stage, a state key or a cost kind that dead letters, changelogs and the cost ledger
 * already hold. This test is what stops that.
 */
class WireNamesPinnedTest {

    @Test
    void stages() {
        assertThat(Arrays.stream(Stage.values()).map(Stage::wireName)).containsExactly("intake.decode",
                "intake.validate", "intake.normalize", "intake.dedupe", "intake.throttle", "intake.cost.duplicate",
                "intake.cost.estimate", "intake.cost.actual", "routing.decode", "routing.route", "clay");
        assertThat(Stage.of("routing.route")).contains(Stage.ROUTING_ROUTE);
        assertThat(Stage.of("clay.sink")).as("a connector's stage").isEmpty();
    }

    @Test
    void throttleStateKeys() {
        assertThat(Arrays.stream(ThrottleState.values()).map(ThrottleState::key)).containsExactly("backlog.next.seq",
                "backlog.head.seq", "bucket.micro.tokens", "bucket.refilled.at.ms", "budget.period.start.ms",
                "budget.spent", "budget.data.credits.spent");
    }

    @Test
    void costEventKinds() {
        assertThat(Arrays.stream(CostEvent.Kind.values()).map(CostEvent.Kind::wireName))
                .containsExactly("estimated", "actual", "saved.duplicate", "saved.cache");
        assertThat(CostEvent.Kind.of("saved.cache")).isEqualTo(CostEvent.Kind.SAVED_CACHE);
        assertThatThrownBy(() -> CostEvent.Kind.of("saved_cache")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown cost event kind 'saved_cache'");
    }
}
