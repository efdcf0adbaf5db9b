package io.clayflow.connect.clay;

import io.clayflow.schemas.ClaySinkState;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Clay sink is sending, and if not why: every table full, or the workspace out of credits (402). A change
 * is written to the sink's state topic under {@link ClaySinkState#pauseKey} ({@code <reason>: <sentence>}, removed
 * when sending goes on), where {@code clayflow status} reads it, and is the {@code sending-paused} gauge's value.
 */
final class SendingState {

    /** Why the sink is not sending; the code is the gauge's value. */
    enum Reason {
        SENDING(0, "sending"),
        TABLES_FULL(1, "tables-full"),
        CREDITS_EXHAUSTED(2, "credits-exhausted");

        final int code;
        final String label;

        Reason(int code, String label) {
            this.code = code;
            this.label = label;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SendingState.class);

    private final String connector;
    private final SinkStateStore store;
    private final Clock clock;
    private Reason reason = Reason.SENDING;
    private String said = "";

    /** @param stored the store's entries at start: a pause recorded before a restart is shown until sending goes on */
    SendingState(String connector, SinkStateStore store, Map<String, String> stored, Clock clock) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        String recorded = stored.get(ClaySinkState.pauseKey(connector));
        if (recorded != null) {
            for (Reason known : Reason.values()) {
                if (recorded.startsWith(known.label + ":")) {
                    reason = known;
                    said = recorded;
                }
            }
        }
    }

    /** Sending is paused for {@code why}; stored when the reason or the sentence changed. */
    void paused(Reason why, String sentence) {
        String text = why.label + ": " + sentence;
        if (why == reason && said.startsWith(text)) {
            return;
        }
        Map<String, String> entry = new HashMap<>();
        entry.put(ClaySinkState.pauseKey(connector), text + " (since " + clock.instant() + ")");
        store.save(entry);
        reason = why;
        said = entry.get(ClaySinkState.pauseKey(connector));
        LOG.warn("Clay sink {} paused, nothing skipped: {}", connector, text);
    }

    /** Clay took rows again: the pause, if any, is over. */
    void sending() {
        if (reason == Reason.SENDING) {
            return;
        }
        Map<String, String> tombstone = new HashMap<>();
        tombstone.put(ClaySinkState.pauseKey(connector), null);
        store.save(tombstone);
        LOG.info("Clay sink {} sends again (was paused: {})", connector, reason.label);
        reason = Reason.SENDING;
        said = "";
    }

    Reason reason() {
        return reason;
    }
}
