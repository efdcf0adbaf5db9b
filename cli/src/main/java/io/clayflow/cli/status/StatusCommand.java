package io.clayflow.cli.status;

import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.DurationConverter;
import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClayCallbacks;
import io.clayflow.status.ClayCallbacksReader;
import io.clayflow.status.ClusterException;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clayflow status}: the pipeline's counters per stage read over Kafka, each connector's and task's state read
 * from Kafka Connect, as text or JSON, once or {@code --watch}ing; {@code --check} turns what is wrong into an exit
 * code ({@link StatusProblem}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Counters per stage of a running pipeline, read over Kafka: raw, invalid, duplicates dropped, "
                + "waiting, released to Clay, the Clay sender's lag, enriched, routed per route, each consumer group's "
                + "lag, dead letters by stage and reason, webhook quota used and credits spent; Clay rows overdue "
                + "and awaiting a callback per table (the Clay ledger); and each connector's and task's state from "
                + "Kafka Connect, with the first line of a failure; each CRM source's lag (its offset's last "
                + "modification time) and when HubSpot last answered its search."},
        exitCodeListHeading = "%nExit codes (with --check, the lowest that applies):%n",
        exitCodeList = {"0:all is well (without --check: the counters were read)",
                "3:the Kafka cluster cannot be reached within --timeout",
                "10:Kafka Connect's REST API cannot be reached (--connect-url)",
                "11:a connector or a task is FAILED",
                "12:a consumer group is further behind than --max-lag",
                "13:there are more dead letters than --max-dlq"})
public final class StatusCommand extends ClusterCommand {

    /** How a reading is printed. */
    enum Output { TEXT, JSON }

    @Option(names = "--connect-url", paramLabel = "URL",
            defaultValue = "${env:CLAYFLOW_CONNECT_URL:-http://localhost:8083}",
            description = "Kafka Connect's REST API (default: ${DEFAULT-VALUE}; env CLAYFLOW_CONNECT_URL).")
    String connectUrl;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one object per reading, on one line; fields in cli/README.md.")
    Output output;

    @Option(names = "--check", description = "Exit non-zero when something is wrong (codes below).")
    boolean check;

    @Option(names = "--max-dlq", paramLabel = "N",
            description = "With --check: more dead letters than N on leads.dlq is a problem (exit 13).")
    Long maxDeadLetters;

    @Option(names = "--max-lag", paramLabel = "N",
            description = "With --check: a consumer group of the pipeline more than N records behind is a problem "
                    + "(exit 12).")
    Long maxLag;

    @Option(names = "--watch", paramLabel = "INTERVAL", arity = "0..1", fallbackValue = "2s",
            converter = DurationConverter.class,
            description = "Read again every INTERVAL (default 2s) until interrupted; the exit code is the last "
                    + "reading's.")
    Duration watch;

    @Option(names = "--iterations", paramLabel = "N", description = "With --watch: stop after N readings.")
    Integer iterations;

    @Option(names = "--intake-application-id", paramLabel = "ID", defaultValue = StateStores.Intake.APPLICATION_ID,
            description = "The intake app's application.id: its consumer group and internal topics "
                    + "(default: ${DEFAULT-VALUE}).")
    String intakeApplicationId;

    @Option(names = "--routing-application-id", paramLabel = "ID", defaultValue = StateStores.Routing.APPLICATION_ID,
            description = "The routing app's application.id (default: ${DEFAULT-VALUE}).")
    String routingApplicationId;

    @Option(names = {"--clay-sink-state-topic", "--webhook-quota-topic"}, paramLabel = "TOPIC", split = ",",
            defaultValue = Topics.CLAY_SINK_STATE + "," + Topics.LEGACY_CLAY_WEBHOOK_QUOTA,
            description = "The Clay sink's state topics, all read (default: ${DEFAULT-VALUE}).")
    List<String> claySinkStateTopics;

    @Option(names = "--webhook-submission-limit", paramLabel = "N", defaultValue = "50000",
            description = "A Clay webhook's lifetime submissions (default: ${DEFAULT-VALUE}).")
    long webhookSubmissionLimit;

    @Option(names = "--budget-credits-per-period", paramLabel = "N",
            description = "Intake's budget.credits.per.period, to show spent credits against it.")
    Long creditsPerPeriod;

    @Override
    public Integer call() throws InterruptedException {
        ClusterSettings settings = cluster.settings();
        StatusCollector.Options names = new StatusCollector.Options(intakeApplicationId, routingApplicationId,
                Topics.LEADS_DLQ, claySinkStateTopics, Topics.DLQ_REPLAYS);
        ConnectStatusClient connect = new ConnectStatusClient(connectUrl, settings.timeout());
        StatusCollector collector = null;
        int readings = 0;
        try {
            while (true) {
                if (collector == null) {
                    collector = new StatusCollector(settings, names, Clock.systemUTC());
                }
                int code;
                try {
                    code = print(read(collector, connect, settings));
                } catch (ClusterException e) {
                    if (watch == null) {
                        throw e;
                    }
                    // Watching goes on through an outage; a collector that lost the cluster starts afresh.
                    err().println("clayflow status: " + e.getMessage());
                    collector.close();
                    collector = null;
                    code = e.unreachable() ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
                }
                readings++;
                if (watch == null || (iterations != null && readings >= iterations)) {
                    return code;
                }
                Thread.sleep(watch.toMillis());
            }
        } finally {
            if (collector != null) {
                collector.close();
            }
        }
    }

    private StatusReport read(StatusCollector collector, ConnectStatusClient connect, ClusterSettings settings) {
        PipelineStatus pipeline = collector.collect();
        ConnectView connectors = connect.read();
        StatusChecks.Verdict verdict = new StatusChecks(maxDeadLetters, maxLag).judge(pipeline, connectors);
        ClayCallbacks callbacks = ClayCallbacksReader.read(settings, Clock.systemUTC());
        return new StatusReport(pipeline, settings.bootstrapServers(), connectors, verdict, webhookSubmissionLimit,
                creditsPerPeriod, callbacks);
    }

    /** Prints the reading; its exit code ({@code 0} without {@code --check}). */
    private int print(StatusReport report) {
        PrintWriter out = out();
        if (output == Output.JSON) {
            out.println(StatusJson.render(report));
        } else {
            out.print(new StatusTable(webhookSubmissionLimit, creditsPerPeriod).render(report));
            out.print(ClayCallbacksView.text(report.clayCallbacks()));
            if (watch != null) {
                out.println();
            }
        }
        out.flush();
        return check ? report.verdict().exitCode() : ExitCodes.OK;
    }
}
