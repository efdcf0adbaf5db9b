package io.clayflow.stack;

import java.util.Locale;

/**
 * The connectors the local stack runs, in the order it creates them. Each is known to Connect (its REST API, its
 * consumer group {@code connect-<name>}, the {@code connector} label of its metrics) by {@link #connectorName()}.
 */
public enum StackConnector {
    CLAY_WEBHOOK_SINK, HUBSPOT_SINK, OUTREACH_SINK, WAREHOUSE_SINK, HUBSPOT_SOURCE;

    /** The connector's name in Connect: the constant's name in lower case, words joined by dashes. */
    public String connectorName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
