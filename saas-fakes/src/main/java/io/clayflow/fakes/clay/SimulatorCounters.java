package io.clayflow.fakes.clay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SimulatorStats}; safe to bump from the event loop and read from any thread. */
final class SimulatorCounters {

    static final String TIMEOUT = "timeout";

    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> requestsByStatus = new ConcurrentHashMap<>();
    private final LongAdder rowsReceived = new LongAdder();
    private final LongAdder rowsAdded = new LongAdder();
    private final Map<Refusal, LongAdder> rowsRefused = new ConcurrentHashMap<>();
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
        requestsByStatus.computeIfAbsent(status, key -> new LongAdder()).increment();
    }

    void added(int rows) {
        rowsAdded.add(rows);
    }

    void refused(Refusal reason, int rows) {
        if (rows > 0) {
            rowsRefused.computeIfAbsent(reason, key -> new LongAdder()).add(rows);
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
        Map<String, Long> byStatus = new ConcurrentHashMap<>();
        requestsByStatus.forEach((status, count) -> byStatus.put(status, count.sum()));
        Map<Refusal, Long> refused = new EnumMap<>(Refusal.class);
        rowsRefused.forEach((reason, count) -> refused.put(reason, count.sum()));
        return new SimulatorStats(requests.sum(), byStatus, rowsReceived.sum(), rowsAdded.sum(), refused,
                callbacksSent.sum(), callbacksFailed.sum(), callbackAttempts.sum(), callbacksDuplicated.sum(),
                callbacksLate.sum(), webhooks);
    }
}
