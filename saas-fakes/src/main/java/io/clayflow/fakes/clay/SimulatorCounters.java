package io.clayflow.fakes.clay;

import io.clayflow.fakes.Tally;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SimulatorStats}; safe to bump from the event loop and read from any thread. */
final class SimulatorCounters {

    static final String TIMEOUT = "timeout";

    private final LongAdder requests = new LongAdder();
    private final Tally<String> requestsByStatus = new Tally<>();
    private final LongAdder rowsReceived = new LongAdder();
    private final LongAdder rowsAdded = new LongAdder();
    private final Tally<Refusal> rowsRefused = new Tally<>();
    private final Tally<Callback> callbacks = new Tally<>();

    /** What can happen to a row's callback, each counted. */
    enum Callback {
        /** A POST to the callback URL was made (first tries and retries alike). */
        ATTEMPTED,
        /** The gateway answered 2xx. */
        SENT,
        /** Given up: the callback column failed, or every attempt was refused. */
        FAILED,
        /** Sent twice on purpose (a duplicate-callback fault). */
        DUPLICATED,
        /** Held back past the late-callback delay (a late-callback fault). */
        LATE
    }

    void request(int rows) {
        requests.increment();
        rowsReceived.add(rows);
    }

    void answered(String status) {
        requestsByStatus.increment(status);
    }

    void added(int rows) {
        rowsAdded.add(rows);
    }

    void refused(Refusal reason, int rows) {
        if (rows > 0) {
            rowsRefused.add(reason, rows);
        }
    }

    void callback(Callback event) {
        callbacks.increment(event);
    }

    SimulatorStats snapshot(Map<String, SimulatorStats.WebhookStats> webhooks) {
        return new SimulatorStats(requests.sum(), requestsByStatus.snapshot(), rowsReceived.sum(), rowsAdded.sum(),
                rowsRefused.snapshot(),
                callbacks.count(Callback.SENT), callbacks.count(Callback.FAILED), callbacks.count(Callback.ATTEMPTED),
                callbacks.count(Callback.DUPLICATED), callbacks.count(Callback.LATE), webhooks);
    }
}
