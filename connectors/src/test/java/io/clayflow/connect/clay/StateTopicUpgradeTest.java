package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.ClaySinkState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateTopicUpgradeTest {

    private static final String WEBHOOK = "a".repeat(64);
    private static final String PROGRESS = ClaySinkState.progressKey("clay-webhook-sink", "leads.clay.outbox", 0);

    private final InMemoryStateStore state = new InMemoryStateStore();
    private final AtomicInteger legacyReads = new AtomicInteger();

    @Test
    void theFirstStartCarriesOverWhatOnlyTheOldTopicHoldsAndSaysSo() {
        state.entries.put(WEBHOOK, "120");

        Map<String, String> loaded = upgrade(Map.of(WEBHOOK, "100", PROGRESS, "500@id")).load();

        assertThat(loaded).as("the new topic's own count wins; the progress comes over")
                .containsEntry(WEBHOOK, "120").containsEntry(PROGRESS, "500@id")
                .containsKey(StateTopicUpgrade.UPGRADED_KEY);
        assertThat(state.entries).isEqualTo(loaded);
        assertThat(state.entries.get(StateTopicUpgrade.UPGRADED_KEY)).as("not a count a status reader would sum")
                .startsWith("carried 1 entries over").doesNotContainPattern("^\\d+$");
    }

    @Test
    void onceCarriedOverTheOldTopicIsNotReadAgainSoAForgottenEntryStaysForgotten() {
        upgrade(Map.of(PROGRESS, "500@id")).load();
        state.save(java.util.Collections.singletonMap(PROGRESS, null)); // offsets reset through Connect

        Map<String, String> loaded = upgrade(Map.of(PROGRESS, "500@id")).load();

        assertThat(loaded).doesNotContainKey(PROGRESS);
        assertThat(legacyReads).as("the old topic was read on the first start only").hasValue(1);
    }

    @Test
    void withoutAnOldTopicNothingIsWritten() {
        Map<String, String> loaded = new StateTopicUpgrade(state, () -> {
            legacyReads.incrementAndGet();
            return Optional.empty();
        }).load();

        assertThat(loaded).isEmpty();
        assertThat(state.saves).isZero();
    }

    private StateTopicUpgrade upgrade(Map<String, String> legacy) {
        return new StateTopicUpgrade(state, () -> {
            legacyReads.incrementAndGet();
            return Optional.of(legacy);
        });
    }
}
