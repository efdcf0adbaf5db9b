package io.clayflow.cli.dlq;

import io.clayflow.status.ClusterSettings;
import picocli.CommandLine.Option;

/** Where replays are recorded, shared by {@code dlq list} (to count them) and {@code dlq replay} (to record them). */
public final class ReplayLogOption {

    @Option(names = "--replay-log-topic", paramLabel = "TOPIC", defaultValue = ReplayLog.DEFAULT_TOPIC,
            description = "Where replays are recorded (default: ${DEFAULT-VALUE}).")
    String topic;

    /** The replay log on that topic of the cluster. */
    ReplayLog log(ClusterSettings settings) {
        return new ReplayLog(settings, topic);
    }
}
