package io.clayflow.fakes.hubspot;

import io.clayflow.fakes.Tally;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link HubSpotStats}; bumped on the event loop, read from any thread. */
final class HubSpotCounters {

    private final LongAdder requests = new LongAdder();
    private final Tally<Integer> byStatus = new Tally<>();
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
        byStatus.increment(status);
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
        return new HubSpotStats(requests.sum(), byStatus.snapshot(), inputs.sum(), created.sum(), updated.sum(),
                inputErrors.sum(), searches.sum(), batchReads.sum());
    }
}
