package io.clayflow.status.page;

import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import java.time.Clock;
import java.util.Objects;

/** Where the status page's counters come from: one blocking reading at a time, never on an event loop. */
public interface StatusSource extends AutoCloseable {

    /** Reads the counters now; blocks for at most the source's own timeout, then throws. */
    PipelineStatus collect();

    @Override
    void close();

    /**
     * Reads Kafka with a {@link StatusCollector}, made on first use and remade after a failure (a collector that lost
     * the cluster may hold a half-read tail).
     */
    static StatusSource kafka(ClusterSettings cluster, StatusCollector.Options names, Clock clock) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(clock, "clock");
        return new StatusSource() {
            private StatusCollector collector;

            @Override
            public PipelineStatus collect() {
                if (collector == null) {
                    collector = new StatusCollector(cluster, names, clock);
                }
                try {
                    return collector.collect();
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
            }

            @Override
            public void close() {
                if (collector != null) {
                    StatusCollector closing = collector;
                    collector = null;
                    closing.close();
                }
            }
        };
    }
}
