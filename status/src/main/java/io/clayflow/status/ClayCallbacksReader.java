package io.clayflow.status;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@link ClayCallbacks} from the Clay ledger's compacted summary topic ({@link Topics#CLAY_LEDGER_SUMMARY}),
 * whole, at each call ({@link CompactedTopic}): a few records per table and partition. Bounded by the cluster's
 * timeout; a cluster that does not answer is a {@link ClusterException}.
 */
public final class ClayCallbacksReader {

    private ClayCallbacksReader() {
    }

    /** The ledger's figures per table now, stamped with {@code clock}'s time. */
    public static ClayCallbacks read(ClusterSettings cluster, Clock clock) {
        Map<String, ClayLedger.Summary> tables = new HashMap<>();
        CompactedTopic.latest(cluster, Topics.CLAY_LEDGER_SUMMARY).forEach((key, value) -> tables.merge(
                ClayLedger.summaryTable(key), ClayLedger.Summary.decode(value), ClayLedger.Summary::plus));
        return new ClayCallbacks(clock.instant(), tables);
    }
}
