package io.clayflow.ledger;

/**
 * Up to when the ledger knows every callback of a partition: a row sent at {@code s} with timeout {@code t} is overdue
 * only once the cutoff reaches {@code s + t}. Wall-clock time alone would be wrong after a restart or under lag: the
 * callbacks waiting unread in {@code leads.enriched} came in time, and must close their rows first.
 */
@FunctionalInterface
interface CallbackCutoff {

    /**
     * @param partition the {@code leads.enriched} partition of the task
     * @param watermark the latest callback timestamp the task has processed, or {@link Long#MIN_VALUE}
     * @param now the wall clock
     * @return {@code now} when the task has read every callback written so far, else what it has read up to
     */
    long cutoff(int partition, long watermark, long now);

    /** For tests: the task is always caught up. */
    static CallbackCutoff wallClock() {
        return (partition, watermark, now) -> now;
    }
}
