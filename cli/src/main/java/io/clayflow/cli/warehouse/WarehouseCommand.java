package io.clayflow.cli.warehouse;

import io.clayflow.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code clayflow warehouse}: the warehouse the pipeline's last sink fills. */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
        description = "Look into the warehouse the warehouse sink fills (the DuckDB file of ./clayflow up).",
        subcommands = WarehouseQueryCommand.class)
public final class WarehouseCommand extends CommandGroup {
}
