package io.clayflow.fakes.clay;

/** A webhook of the workspace: its configuration, the submissions it has taken so far, and its table. */
final class Webhook {

    private final WebhookConfig config;
    private final ClayTable table;
    private long submissions;

    Webhook(WebhookConfig config, boolean tableDedupe) {
        this.config = config;
        // Rows of a passthrough table are deleted once enriched: nothing to dedupe against, no cap to reach.
        this.table = config.passthrough() ? ClayTable.passthrough() : new ClayTable(config.rowCap(), tableDedupe);
    }

    WebhookConfig config() {
        return config;
    }

    ClayTable table() {
        return table;
    }

    synchronized long submissions() {
        return submissions;
    }

    synchronized boolean hasRoomFor(int rows) {
        return submissions + rows <= config.submissionCap();
    }

    synchronized void recordSubmissions(int rows) {
        submissions += rows;
    }

    SimulatorStats.WebhookStats stats() {
        return new SimulatorStats.WebhookStats(submissions(), config.submissionCap(), table.size(), config.rowCap());
    }
}
