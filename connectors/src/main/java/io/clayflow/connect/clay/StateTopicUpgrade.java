package io.clayflow.connect.clay;

import io.clayflow.schemas.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the Clay sink's state over from the state topic's old name, {@link Topics#LEGACY_CLAY_WEBHOOK_QUOTA}, to
 * its new one, {@link Topics#CLAY_SINK_STATE} (the topic holds the sink's progress as well as the webhook quota, and
 * is named for both). The first start on the new name copies every entry found only in the old topic (submission
 * counts, what Clay took per partition) into the new one and records that it did; from then on the old topic is not
 * read, so a progress entry forgotten later (an offset reset) cannot come back from it. A sink configured with a
 * topic name of its own has nothing to carry over.
 */
final class StateTopicUpgrade {

    /** The entry that records the copy: not a webhook hash and not a progress key, so every reader skips it. */
    static final String UPGRADED_KEY = "upgraded-from/" + Topics.LEGACY_CLAY_WEBHOOK_QUOTA;

    private static final Logger LOG = LoggerFactory.getLogger(StateTopicUpgrade.class);

    private final SinkStateStore state;
    private final Supplier<Optional<Map<String, String>>> legacy;

    /** @param legacy reads the old topic whole, or finds it absent */
    StateTopicUpgrade(SinkStateStore state, Supplier<Optional<Map<String, String>>> legacy) {
        this.state = Objects.requireNonNull(state, "state");
        this.legacy = Objects.requireNonNull(legacy, "legacy");
    }

    /** The upgrade for a sink's configured state topic: nothing to do unless it is the default, renamed one. */
    static Map<String, String> load(SinkStateStore state, String stateTopic, Map<String, Object> clientProps) {
        if (!Topics.CLAY_SINK_STATE.equals(stateTopic)) {
            return state.load();
        }
        return new StateTopicUpgrade(state, () -> KafkaStateTopic.readIfExists(Topics.LEGACY_CLAY_WEBHOOK_QUOTA,
                clientProps)).load();
    }

    /** The state to start from: the new topic's entries, plus those carried over from the old one at first start. */
    Map<String, String> load() {
        Map<String, String> stored = new HashMap<>(state.load());
        if (stored.containsKey(UPGRADED_KEY)) {
            return stored;
        }
        Optional<Map<String, String>> old = legacy.get();
        if (old.isEmpty()) {
            return stored;
        }
        Map<String, String> carried = new HashMap<>();
        old.get().forEach((key, value) -> {
            if (!stored.containsKey(key)) {
                carried.put(key, value);
            }
        });
        Map<String, String> writes = new HashMap<>(carried);
        writes.put(UPGRADED_KEY, "carried " + carried.size() + " entries over at " + Instant.now());
        state.save(writes);
        stored.putAll(writes);
        LOG.info("Carried {} entries of the Clay sink's state over from {} to {}; the old topic is no longer read and "
                + "may be deleted", carried.size(), Topics.LEGACY_CLAY_WEBHOOK_QUOTA, Topics.CLAY_SINK_STATE);
        return stored;
    }
}
