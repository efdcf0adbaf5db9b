package io.clayflow.cli.warehouse;

import io.clayflow.cli.ClayflowCommand;
import io.clayflow.cli.CliException;
import io.clayflow.cli.DurationConverter;
import io.clayflow.cli.ExitCodes;
import io.clayflow.stack.StackConfig;
import io.clayflow.stack.StackConnectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clayflow warehouse query SQL}: runs one read-only query on the DuckDB warehouse of {@code ./clayflow up}
 * while the pipeline runs, and prints its rows. The warehouse sink holds the file only while it writes a put, so the
 * query waits at most for that put ({@link DuckDbReader}).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs one read-only SQL query on the DuckDB warehouse of ./clayflow up, also while it runs, "
                + "and prints the rows. The table is " + StackConnectors.WAREHOUSE_TABLE + ".",
                "Example: ./clayflow warehouse query \"select count(*) from " + StackConnectors.WAREHOUSE_TABLE + "\"",
                "Keep queries short while leads flow: the sink waits for the file while a query holds it."})
public final class WarehouseQueryCommand extends ClayflowCommand {

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"select count(*) from "
            + StackConnectors.WAREHOUSE_TABLE + "\". The file is opened read-only: nothing can change it.")
    String sql;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data directory of ./clayflow up (default: data, or CLAYFLOW_STACK_DATA_DIR).")
    Path dataDir;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Any DuckDB file instead (e.g. a warehouse sink's warehouse.duckdb.path).")
    Path file;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait while the sink writes to the file (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned columns and a row count) or csv (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Override
    public Integer call() {
        Path warehouse = warehouseFile();
        if (!Files.isRegularFile(warehouse)) {
            throw new CliException(ExitCodes.UNREACHABLE, "No warehouse at " + warehouse + ": start the pipeline "
                    + "with ./clayflow up (the sink creates the file with its first leads), or name one with --file");
        }
        try {
            out().print(new DuckDbReader(warehouse, wait).query(sql, format));
        } catch (DuckDbReader.StillLockedException e) {
            throw new CliException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        } catch (SQLException e) {
            throw new CliException(ExitCodes.FAILED, "The query failed: " + e.getMessage(), e);
        }
        out().flush();
        return ExitCodes.OK;
    }

    private Path warehouseFile() {
        if (file != null) {
            return file.toAbsolutePath();
        }
        try {
            Map<String, String> overrides = dataDir == null ? Map.of() : Map.of(StackConfig.DATA_DIR,
                    dataDir.toString());
            return StackConnectors.warehouseFile(StackConfig.load(null, System.getenv(), overrides).dataDir());
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, "invalid stack setting: " + e.getMessage(), e);
        }
    }
}
