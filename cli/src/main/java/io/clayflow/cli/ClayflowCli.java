package io.clayflow.cli;

import io.clayflow.cli.cost.CostCommand;
import io.clayflow.cli.csv.ImportCsvCommand;
import io.clayflow.cli.demo.DemoCommand;
import io.clayflow.cli.clay.ClayCommand;
import io.clayflow.cli.dlq.DlqCommand;
import io.clayflow.cli.status.StatusCommand;
import io.clayflow.cli.up.UpCommand;
import io.clayflow.cli.warehouse.WarehouseCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code clayflow} command: one picocli command whose subcommands each live in a small class of their own. To
 * add one, write a {@code @Command} class (with a {@code @Mixin ClusterOptions} if it talks to a cluster) and list
 * it in {@code subcommands} below.
 */
@Command(name = "clayflow",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "Clay lead enrichment on Apache Kafka: run the pipeline, feed it leads, watch it, replay its "
                + "dead letters.",
        subcommands = {
                CommandLine.HelpCommand.class,
                UpCommand.class,
                StatusCommand.class,
                CostCommand.class,
                DemoCommand.class,
                ImportCsvCommand.class,
                DlqCommand.class,
                ClayCommand.class,
                WarehouseCommand.class,
        },
        footer = {"", "Every subcommand takes --bootstrap-servers, --schema-registry-url, --command-config and "
                + "-X KEY=VALUE for SASL/SSL or cloud clusters; see 'clayflow help <command>'."})
public final class ClayflowCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: subcommands, exit codes and the handler that turns failures into messages. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ClayflowCli());
        commandLine.setExecutionExceptionHandler(new CliFailureHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        withHelpAndVersion(commandLine);
        return commandLine;
    }

    /** {@code --help} and {@code --version} on every subcommand, however deep, whatever its own annotation says. */
    private static void withHelpAndVersion(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.versionProvider(new CliVersion());
        if (!spec.optionsMap().containsKey("--help")) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        if (!spec.optionsMap().containsKey("--version")) {
            spec.addOption(OptionSpec.builder("--version").versionHelp(true)
                    .description("Print version information and exit.").build());
        }
        command.getSubcommands().values().forEach(ClayflowCli::withHelpAndVersion);
    }

    @Override
    public void run() {
        // `clayflow` on its own: say what there is rather than fail.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
