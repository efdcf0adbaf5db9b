package io.clayflow.gateway.status;

import io.clayflow.status.StatusCollector;
import java.time.Duration;
import java.util.Objects;

/**
 * The status page's settings ({@code status.*}): whether it runs, how fresh its counters are kept, how long one
 * reading of Kafka may take, which names to read, and the limits the budget and quota are shown against.
 *
 * @param refreshInterval a snapshot younger than this is served as it is
 * @param timeout the longest one reading of Kafka waits for the cluster
 * @param webhookSubmissionLimit a Clay webhook's lifetime submissions (Clay's is 50,000)
 * @param creditsPerPeriod intake's {@code budget.credits.per.period}, to show credits left
 */
public record StatusPageConfig(boolean enabled, Duration refreshInterval, Duration timeout,
        StatusCollector.Options names, long webhookSubmissionLimit, long creditsPerPeriod) {

    public StatusPageConfig {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(names, "names");
    }
}
