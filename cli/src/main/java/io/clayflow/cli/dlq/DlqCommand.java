package io.clayflow.cli.dlq;

import io.clayflow.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code clayflow dlq}: the dead-letter commands. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Dead letters: count them by stage and reason, look at them, replay them once their cause is "
                + "fixed. Reads both intake's clayflow.errors.* headers and Kafka Connect's __connect.errors.*.",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand extends CommandGroup {
}
