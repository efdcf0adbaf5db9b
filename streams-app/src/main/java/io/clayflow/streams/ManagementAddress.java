package io.clayflow.streams;

/**
 * Where a Streams app serves its management port ({@code management.host}, {@code management.port}):
 * {@code GET /metrics}, {@code /health/live} and {@code /health/ready}.
 *
 * @param host the interface bound
 * @param port the port: 0 for any free port, -1 when nothing is served
 */
public record ManagementAddress(String host, int port) {

    /** Whether the app serves a management port at all. */
    public boolean served() {
        return port >= 0;
    }
}
