package io.clayflow.cli.warehouse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clayflow warehouse}: the warehouse the pipeline's last sink fills. */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
        description = "Look into the warehouse the warehouse sink fills (the DuckDB file of ./clayflow up).",
        subcommands = WarehouseQueryCommand.class)
public final class WarehouseCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
