package io.clayflow.cli.status;

import io.clayflow.status.ClayCallbacks;
import io.clayflow.status.PipelineStatus;
import java.util.Objects;

/**
 * One reading of {@code clayflow status}: the pipeline's counters from Kafka, the connectors from Connect, and what
 * {@code --check} makes of them.
 *
 * @param bootstrapServers the cluster read
 * @param webhookSubmissionLimit a Clay webhook's lifetime submissions
 * @param creditsPerPeriod intake's credit budget per period, when given
 * @param clayCallbacks the Clay ledger's figures per table, or null when they were not read
 */
record StatusReport(PipelineStatus pipeline, String bootstrapServers, ConnectView connect,
        StatusChecks.Verdict verdict, long webhookSubmissionLimit, Long creditsPerPeriod,
        ClayCallbacks clayCallbacks) {

    StatusReport(PipelineStatus pipeline, String bootstrapServers, ConnectView connect,
            StatusChecks.Verdict verdict, long webhookSubmissionLimit, Long creditsPerPeriod) {
        this(pipeline, bootstrapServers, connect, verdict, webhookSubmissionLimit, creditsPerPeriod, null);
    }

    StatusReport {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(verdict, "verdict");
    }
}
