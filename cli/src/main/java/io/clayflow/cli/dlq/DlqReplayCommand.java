package io.clayflow.cli.dlq;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.status.ClusterSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clayflow dlq replay}: sends selected dead letters back to where they came from, each at most once. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends the selected dead letters' original key, value and headers back to the topic they came "
                + "from (the original-topic header of either convention), once their cause is fixed.",
                "Each replay is recorded in a compacted replay-log topic in the same transaction as the record it "
                        + "sends, so running the same replay again sends nothing twice. A replayed record that fails "
                        + "again becomes a new dead letter (with a clayflow.replay.of header), which can be replayed "
                        + "in its turn."})
public final class DlqReplayCommand extends ClusterCommand {

    @Mixin
    DeadLetterFilterOptions selection;

    @Option(names = "--all", description = "Replay every dead letter not yet replayed (without it, at least one of "
            + "--stage, --reason, --from, --to is required).")
    boolean all;

    @Option(names = "--dry-run", description = "Only say what would be replayed.")
    boolean dryRun;

    @Mixin
    ReplayLogOption replayLog;

    @Override
    public Integer call() {
        if (!all && !selection.narrowed()) {
            throw new CliException(ExitCodes.USAGE, "say which dead letters to replay (--stage, --reason, --from, "
                    + "--to) or pass --all");
        }
        ClusterSettings settings = cluster.settings();
        List<DeadLetterEntry> selected = new DeadLetterReader(settings, selection.topic()).read(selection.filter());
        ReplayLog log = replayLog.log(settings);
        DeadLetterReplayer.Outcome outcome = new DeadLetterReplayer(log, Clock.systemUTC()).replay(selected, dryRun);

        PrintWriter out = out();
        out.printf("%d dead letters selected%n", selected.size());
        Map<String, Long> byTarget = new TreeMap<>(outcome.replayed().stream().collect(Collectors.groupingBy(
                entry -> entry.info().replayTopic().orElseThrow(), Collectors.counting())));
        byTarget.forEach((topic, count) -> out.printf("  %s %d to %s%n", dryRun ? "would replay" : "replayed", count,
                topic));
        if (!outcome.alreadyReplayed().isEmpty()) {
            out.printf("  skipped %d already replayed (see %s)%n", outcome.alreadyReplayed().size(), log.topic());
        }
        if (!outcome.withoutOrigin().isEmpty()) {
            out.printf("  skipped %d without an original-topic header, e.g. %s%n", outcome.withoutOrigin().size(),
                    outcome.withoutOrigin().get(0).address());
        }
        if (outcome.replayed().isEmpty()) {
            out.println("  nothing to replay");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
