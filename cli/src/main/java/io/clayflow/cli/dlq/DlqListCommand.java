package io.clayflow.cli.dlq;

import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.status.ClusterSettings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code clayflow dlq list}: dead letters grouped by stage and reason, with counts and time span. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Dead letters grouped by stage and reason: how many, how many were replayed, first and last.")
public final class DlqListCommand extends ClusterCommand {

    @Mixin
    DeadLetterFilterOptions selection;

    @Mixin
    ReplayLogOption replayLog;

    /** Counts of one stage and reason. */
    private static final class Group {
        long count;
        long replayed;
        Instant first;
        Instant last;
    }

    @Override
    public Integer call() {
        ClusterSettings settings = cluster.settings();
        Set<String> replayed = replayLog.log(settings).replayed();
        Map<String, Map<String, Group>> groups = new TreeMap<>();
        long[] total = {0};
        new DeadLetterReader(settings, selection.topic()).forEach(selection.filter(), entry -> {
            Group group = groups.computeIfAbsent(entry.info().stage(), stage -> new TreeMap<>())
                    .computeIfAbsent(entry.info().reason(), reason -> new Group());
            group.count++;
            if (replayed.contains(entry.address())) {
                group.replayed++;
            }
            group.first = group.first == null || entry.timestamp().isBefore(group.first) ? entry.timestamp()
                    : group.first;
            group.last = group.last == null || entry.timestamp().isAfter(group.last) ? entry.timestamp() : group.last;
            total[0]++;
        });
        PrintWriter out = out();
        if (total[0] == 0) {
            out.println("No dead letters" + (selection.narrowed() ? " match." : " in " + selection.topic() + "."));
            out.flush();
            return ExitCodes.OK;
        }
        String format = "%-40s %-32s %8s %8s  %-20s %-20s%n";
        out.printf(format, "STAGE", "REASON", "COUNT", "REPLAYED", "FIRST", "LAST");
        groups.forEach((stage, reasons) -> reasons.forEach((reason, group) -> out.printf(format, stage, reason,
                group.count, group.replayed, Tables.time(group.first), Tables.time(group.last))));
        out.printf("%d dead letters in %s%n", total[0], selection.topic());
        out.flush();
        return ExitCodes.OK;
    }
}
