package io.clayflow.cli.clay;

import io.clayflow.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code clayflow clay}: what to do about the Clay round trip (the Clay ledger's overdue rows). */
@Command(name = "clay", mixinStandardHelpOptions = true,
        description = "The Clay round trip: re-send the rows Clay accepted but never called back for (overdue rows "
                + "of the Clay ledger).",
        subcommands = {ResendOverdueCommand.class})
public final class ClayCommand extends CommandGroup {
}
