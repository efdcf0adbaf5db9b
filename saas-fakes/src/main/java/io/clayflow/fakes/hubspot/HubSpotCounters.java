package io.clayflow.fakes.hubspot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link HubSpotStats}; bumped on the event loop, read from any thread. */
final class HubSpotCounters {

    private final LongAdder requests = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder inputs = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder inputErrors = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private final LongAdder batchReads = new LongAdder();

    void request() {
        requests.increment();
    }

    void answered(int status) {
        byStatus.computeIfAbsent(status, key -> new LongAdder()).increment();
    }

    void inputs(int count) {
        inputs.add(count);
    }

    void upserted(boolean wasCreated) {
        (wasCreated ? created : updated).increment();
    }

    void batchRead() {
        batchReads.increment();
    }

    void search() {
        searches.increment();
    }

    void inputError() {
        inputErrors.increment();
    }

    HubSpotStats snapshot() {
        Map<Integer, Long> statuses = new HashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new HubSpotStats(requests.sum(), statuses, inputs.sum(), created.sum(), updated.sum(),
                inputErrors.sum(), searches.sum(), batchReads.sum());
    }
}
