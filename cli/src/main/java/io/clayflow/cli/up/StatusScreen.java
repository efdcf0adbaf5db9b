package io.clayflow.cli.up;

import io.clayflow.cli.status.StatusTable;
import io.clayflow.stack.ClaySimulatorPart;
import io.clayflow.stack.LocalStack;
import io.clayflow.stack.StackConfig;
import io.clayflow.status.ClusterException;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code up}'s live screen: which parts answer their readiness check, the main addresses, and the pipeline's
 * counters per stage ({@code clayflow status}'s collector and table). On a terminal it redraws in place; otherwise
 * ({@link ScreenMode}: a pipe, a file, {@code TERM=dumb}) it prints the counters only when they changed, and never an
 * escape sequence.
 */
final class StatusScreen implements AutoCloseable {

    private static final String CLEAR = "\033[H\033[2J";
    private static final long WEBHOOK_SUBMISSION_LIMIT = 50_000;

    private final LocalStack stack;
    private final StatusCollector collector;
    private final StatusTable table;
    private final PrintWriter out;
    private final boolean terminal;
    private String last = "";

    StatusScreen(LocalStack stack, ClusterSettings cluster, long creditsPerPeriod, PrintWriter out, boolean terminal) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.collector = new StatusCollector(cluster, StatusCollector.Options.defaults(), Clock.systemUTC());
        this.table = new StatusTable(WEBHOOK_SUBMISSION_LIMIT, creditsPerPeriod);
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
    }

    void draw() {
        String counters;
        try {
            PipelineStatus status = collector.collect();
            counters = table.render(status, stack.config().bootstrapServers());
        } catch (ClusterException e) {
            counters = "counters unavailable: " + e.getMessage() + "\n";
        }
        if (!terminal) {
            if (!counters.equals(last)) {
                out.print(counters);
                out.flush();
            }
            last = counters;
            return;
        }
        StackConfig config = stack.config();
        StringBuilder screen = new StringBuilder(CLEAR);
        screen.append("clayflow up  ").append(config.dataDir()).append("  (Ctrl-C stops every part)\n");
        screen.append("parts  ").append(stack.readiness().entrySet().stream()
                .map(part -> part.getKey() + (part.getValue() ? " up" : " DOWN"))
                .collect(Collectors.joining(", "))).append('\n');
        screen.append(String.format("kafka %s   registry %s   connect %s%n", config.bootstrapServers(),
                config.registryUrl(), config.url(StackConfig.CONNECT_PORT)));
        screen.append(String.format("gateway %s   clay simulator %s   secrets %s%n%n", config.url(StackConfig.GATEWAY_PORT),
                stack.part(ClaySimulatorPart.class).webhookUrl(), stack.secretsFile()));
        var clay = stack.part(ClaySimulatorPart.class).running().stats();
        screen.append(String.format("clay simulator: %d rows received, %d added, %d callbacks sent, %d failed%n%n",
                clay.rowsReceived(), clay.rowsAdded(), clay.callbacksSent(), clay.callbacksFailed()));
        screen.append(counters);
        out.print(screen);
        out.flush();
    }

    @Override
    public void close() {
        collector.close();
    }
}
