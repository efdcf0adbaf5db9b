package io.clayflow.cli.status;

import io.clayflow.cli.ClusterOptions;
import io.clayflow.cli.ExitCodes;
import io.clayflow.cli.dlq.ReplayLog;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clayflow status}: the pipeline's counters per stage, read from any running cluster. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Counters per stage of a running pipeline, read over Kafka: raw, invalid, duplicates dropped, "
                + "waiting, released to Clay, the Clay sender's lag, enriched, routed per route, dead letters by stage "
                + "and reason, webhook quota used and credits spent.",
                "Exits with 3 when the cluster cannot be reached within --timeout."})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--intake-application-id", paramLabel = "ID", defaultValue = "clayflow-intake",
            description = "The intake app's application.id: its consumer group and internal topics "
                    + "(default: ${DEFAULT-VALUE}).")
    String intakeApplicationId;

    @Option(names = "--webhook-quota-topic", paramLabel = "TOPIC", defaultValue = "clayflow.clay-webhook-quota",
            description = "The Clay sink's webhook-quota topic (default: ${DEFAULT-VALUE}).")
    String webhookQuotaTopic;

    @Option(names = "--webhook-submission-limit", paramLabel = "N", defaultValue = "50000",
            description = "A Clay webhook's lifetime submissions (default: ${DEFAULT-VALUE}).")
    long webhookSubmissionLimit;

    @Option(names = "--budget-credits-per-period", paramLabel = "N",
            description = "Intake's budget.credits.per.period, to show spent credits against it.")
    Long creditsPerPeriod;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterSettings settings = cluster.settings();
        StatusCollector.Options options = new StatusCollector.Options(intakeApplicationId, Topics.LEADS_DLQ,
                webhookQuotaTopic, ReplayLog.DEFAULT_TOPIC);
        try (StatusCollector collector = new StatusCollector(settings, options, Clock.systemUTC())) {
            PipelineStatus status = collector.collect();
            PrintWriter out = spec.commandLine().getOut();
            out.print(new StatusTable(webhookSubmissionLimit, creditsPerPeriod).render(status,
                    settings.bootstrapServers()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
