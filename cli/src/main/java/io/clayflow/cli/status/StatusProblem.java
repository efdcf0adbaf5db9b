package io.clayflow.cli.status;

import java.util.Locale;

/**
 * What {@code clayflow status --check} finds wrong, each with its exit code and its stable {@link #kind()} for scripts
 * (the JSON's {@code check.problems[].kind}). Without a problem the code is 0 (always, without {@code --check}, once
 * the counters were read), and {@link io.clayflow.cli.ExitCodes#UNREACHABLE} (3) when the Kafka cluster cannot be
 * read. When several hold, the lowest code wins: they are in order of urgency.
 */
public enum StatusProblem {

    /** Kafka Connect's REST API ({@code --connect-url}) did not answer. */
    CONNECT_UNREACHABLE(10),
    /** A connector or one of its tasks is FAILED. */
    CONNECTOR_FAILED(11),
    /** A consumer group of the pipeline is further behind than {@code --max-lag}. */
    LAG_ABOVE_THRESHOLD(12),
    /** There are more dead letters than {@code --max-dlq}. */
    DEAD_LETTERS_ABOVE_THRESHOLD(13);

    private final int exitCode;

    StatusProblem(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The name scripts see, e.g. {@code connector_failed}. */
    public String kind() {
        return name().toLowerCase(Locale.ROOT);
    }
}
