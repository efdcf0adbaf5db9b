package io.clayflow.connect.clay;

import java.util.Map;

/** Where submissions per webhook are kept, so the count survives restarts. */
interface QuotaStore extends AutoCloseable {

    /** Every stored count, by webhook key. */
    Map<String, Long> load();

    /** Stores a webhook's count; returns once it is durable. */
    void save(String webhookKey, long submissions);

    @Override
    void close();
}
