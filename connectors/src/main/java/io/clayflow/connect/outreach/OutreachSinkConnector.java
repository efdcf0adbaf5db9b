package io.clayflow.connect.outreach;

import io.clayflow.connect.sink.ClayflowSinkConnector;

/**
 * Puts routed leads ({@code leads.route.outreach}) into an Outreach sequence. Runs one task whatever
 * {@code tasks.max} says: Outreach's limit is per user and hour, and one task is what counts it in one place.
 */
public class OutreachSinkConnector extends ClayflowSinkConnector {

    public OutreachSinkConnector() {
        super(OutreachSinkTask.class, OutreachSinkConfig.CONFIG_DEF, OutreachSinkConfig::new);
    }
}
