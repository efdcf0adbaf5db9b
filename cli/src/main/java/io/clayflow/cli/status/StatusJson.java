package io.clayflow.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.cost.CostReportFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code clayflow status --output json}: one JSON object per reading, on one line. The field names are a contract for
 * scripts (documented in cli/README.md, "status --output json"); {@value #VERSION} changes only when one is removed or
 * changes meaning. A counter that cannot be known yet (its topic or group does not exist) is null.
 */
final class StatusJson {

    /** The format's version, the document's {@code version}. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    static String render(StatusReport report) {
        PipelineStatus status = report.pipeline();
        ObjectNode json = MAPPER.createObjectNode().put("version", VERSION)
                .put("collected_at", instant(status.collectedAt()))
                .put("bootstrap_servers", report.bootstrapServers());
        json.putObject("funnel").put("raw", status.raw()).put("invalid", status.invalid())
                .put("duplicates_dropped", status.duplicatesDropped())
                .put("waiting_in_throttle", status.waitingInThrottle()).put("released", status.released())
                .put("enriched", status.enriched());
        counts(json.putObject("routed"), status.routed());
        json.put("unrouted", status.unrouted());
        counts(json.putObject("consumer_lag"), status.consumerLag());
        counts(json.putObject("clay_sender_lag"), status.claySenderLag());
        ObjectNode deadLetters = json.putObject("dead_letters").put("total", status.deadLetterTotal())
                .put("replayed", status.replayed());
        ObjectNode byStage = deadLetters.putObject("by_stage");
        status.deadLetters().forEach((stage, reasons) -> counts(byStage.putObject(stage), reasons));
        json.putObject("budget").put("credits_spent", status.creditsSpent())
                .put("credits_per_period", report.creditsPerPeriod())
                .put("data_credits_spent", status.dataCreditsSpent())
                .put("period_start", instant(status.budgetPeriodStart()));
        if (status.cost() == null) {
            json.putNull("cost");
        } else {
            json.putObject("cost").<ObjectNode>set("by_source",
                            MAPPER.valueToTree(CostReportFields.of(status.cost().bySource())))
                    .set("by_table", MAPPER.valueToTree(CostReportFields.of(status.cost().byTable())));
        }
        ObjectNode quota = json.putObject("webhook_quota").put("limit", report.webhookSubmissionLimit());
        counts(quota.putObject("used"), status.webhookSubmissions());
        ObjectNode paused = json.putObject("clay_sink_paused");
        status.claySinkPaused().forEach(paused::put);
        ClayCallbacksView.json(json, report.clayCallbacks());
        connect(json.putObject("connect"), report.connect(), status.collectedAt());
        ObjectNode check = json.putObject("check").put("exit_code", report.verdict().exitCode());
        ArrayNode problems = check.putArray("problems");
        report.verdict().problems().forEach(problem -> problems.addObject().put("kind", problem.kind())
                .put("exit_code", problem.exitCode()).put("message", problem.message()));
        return json.toString();
    }

    /** A source's {@code progress}: null for a sink or when nothing is known. */
    private static void progress(ObjectNode node, SourceProgress progress, Instant now) {
        if (progress == null) {
            node.putNull("progress");
            return;
        }
        Duration lag = progress.lag(now);
        Duration sinceSearch = progress.sinceLastSearch(now);
        node.putObject("progress").put("read_up_to", instant(progress.readUpTo()))
                .put("lag_ms", lag == null ? null : lag.toMillis())
                .put("last_search_at", instant(progress.lastSearch()))
                .put("since_last_search_ms", sinceSearch == null ? null : sinceSearch.toMillis());
    }

    private static void connect(ObjectNode json, ConnectView connect, Instant now) {
        json.put("url", connect.url()).put("reachable", connect.reachable()).put("error", connect.error());
        ArrayNode connectors = json.putArray("connectors");
        for (ConnectorState connector : connect.connectors()) {
            ObjectNode node = connectors.addObject().put("name", connector.name()).put("type", connector.type())
                    .put("state", connector.state()).put("worker_id", connector.workerId())
                    .put("trace", connector.trace());
            ArrayNode tasks = node.putArray("tasks");
            connector.tasks().forEach(task -> tasks.addObject().put("id", task.id()).put("state", task.state())
                    .put("worker_id", task.workerId()).put("trace", task.trace()));
            progress(node, connector.progress(), now);
        }
    }

    private static void counts(ObjectNode json, Map<String, Long> counts) {
        counts.forEach(json::put);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
