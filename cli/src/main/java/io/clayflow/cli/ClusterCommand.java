package io.clayflow.cli;

import picocli.CommandLine.Mixin;

/**
 * A command that talks to a Kafka cluster and its schema registry: it takes the {@link ClusterOptions} (brokers,
 * registry, client settings, timeout) every such command shares.
 */
public abstract class ClusterCommand extends ClayflowCommand {

    @Mixin
    protected ClusterOptions cluster;
}
