package io.clayflow.status;

/**
 * The Kafka cluster did not answer in time, or refused a request, while reading the pipeline's state: its message says
 * which, and names the brokers; {@link #unreachable()} tells a caller whether waiting and retrying may help.
 */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    public ClusterException(boolean unreachable, String message, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** The cluster at {@code cluster}'s brokers did not answer within its timeout. */
    static ClusterException unanswered(ClusterSettings cluster, Throwable cause) {
        return new ClusterException(true, "the Kafka cluster at " + cluster.bootstrapServers()
                + " did not answer within " + cluster.timeout().toSeconds() + " s", cause);
    }

    /** True when the cluster did not answer within the timeout; false when it answered with a refusal. */
    public boolean unreachable() {
        return unreachable;
    }
}
