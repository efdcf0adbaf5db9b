package io.clayflow.cli.clay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clayflow clay}: what to do about the Clay round trip (the Clay ledger's overdue rows). */
@Command(name = "clay", mixinStandardHelpOptions = true,
        description = "The Clay round trip: re-send the rows Clay accepted but never called back for (overdue rows "
                + "of the Clay ledger).",
        subcommands = {ResendOverdueCommand.class})
public final class ClayCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
