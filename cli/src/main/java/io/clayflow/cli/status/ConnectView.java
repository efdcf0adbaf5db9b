package io.clayflow.cli.status;

import java.util.List;
import java.util.Objects;

/**
 * What Kafka Connect said at one moment: its connectors, or why it could not be asked.
 *
 * @param error why the REST API could not be read, or null when it answered
 */
public record ConnectView(String url, List<ConnectorState> connectors, String error) {

    public ConnectView {
        Objects.requireNonNull(url, "url");
        connectors = List.copyOf(connectors);
    }

    static ConnectView unreachable(String url, String why) {
        return new ConnectView(url, List.of(), why);
    }

    public boolean reachable() {
        return error == null;
    }
}
