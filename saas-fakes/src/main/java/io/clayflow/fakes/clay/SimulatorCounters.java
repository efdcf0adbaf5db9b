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
    private final LongAdder callbacksSent = new LongAdder();
    private final LongAdder callbacksFailed = new LongAdder();
    private final LongAdder callbackAttempts = new LongAdder();
    private final LongAdder callbacksDuplicated = new LongAdder();
    private final LongAdder callbacksLate = new LongAdder();

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

    void callbackAttempt() {
        callbackAttempts.increment();
    }

    void callbackSent() {
        callbacksSent.increment();
    }

    void callbackFailed() {
        callbacksFailed.increment();
    }

    void callbackDuplicated() {
        callbacksDuplicated.increment();
    }

    void callbackLate() {
        callbacksLate.increment();
    }

    SimulatorStats snapshot(Map<String, SimulatorStats.WebhookStats> webhooks) {
        return new SimulatorStats(requests.sum(), requestsByStatus.snapshot(), rowsReceived.sum(), rowsAdded.sum(),
                rowsRefused.snapshot(),
                callbacksSent.sum(), callbacksFailed.sum(), callbackAttempts.sum(), callbacksDuplicated.sum(),
                callbacksLate.sum(), webhooks);
    }
}
