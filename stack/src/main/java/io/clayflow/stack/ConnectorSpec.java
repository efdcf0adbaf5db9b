package io.clayflow.stack;

import java.util.Map;
import java.util.Objects;

/** A connector the stack's Connect worker runs: its name and its configuration (secrets as config-provider refs). */
public record ConnectorSpec(String name, Map<String, String> config) {

    public ConnectorSpec {
        Objects.requireNonNull(name, "name");
        config = Map.copyOf(config);
    }
}
