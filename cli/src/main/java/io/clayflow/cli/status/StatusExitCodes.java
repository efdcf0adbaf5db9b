package io.clayflow.cli.status;

/**
 * The exit codes of {@code clayflow status}: 0 when all is well (always, without {@code --check}, once the counters
 * were read), {@link io.clayflow.cli.ExitCodes#UNREACHABLE} (3) when the Kafka cluster cannot be read, and with
 * {@code --check} one of these. When several hold, the lowest wins: they are in order of urgency.
 */
public final class StatusExitCodes {

    /** Kafka Connect's REST API ({@code --connect-url}) did not answer. */
    public static final int CONNECT_UNREACHABLE = 10;
    /** A connector or one of its tasks is FAILED. */
    public static final int CONNECTOR_FAILED = 11;
    /** A consumer group of the pipeline is further behind than {@code --max-lag}. */
    public static final int LAG_ABOVE_THRESHOLD = 12;
    /** There are more dead letters than {@code --max-dlq}. */
    public static final int DLQ_ABOVE_THRESHOLD = 13;

    private StatusExitCodes() {
    }
}
