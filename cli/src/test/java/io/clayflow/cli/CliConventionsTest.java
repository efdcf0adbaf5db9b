package io.clayflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.stack.ConnectPart;
import io.clayflow.stack.ConnectorSpec;
import io.clayflow.stack.LocalStack;
import io.clayflow.stack.StackConfig;
import io.clayflow.stack.StackPart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** What every command of the CLI does alike: --help, --version, and an `up --help` that names what it starts. */
class CliConventionsTest {

    /** Every command, however deep ("dlq replay"), by its words. */
    static Stream<String> everyCommand() {
        List<String> commands = new ArrayList<>();
        collect(ClayflowCli.commandLine(), "", commands);
        return commands.stream();
    }

    private static void collect(CommandLine command, String words, List<String> into) {
        command.getSubcommands().forEach((name, sub) -> {
            String path = (words + " " + name).trim();
            into.add(path);
            collect(sub, path, into);
        });
    }

    @ParameterizedTest(name = "clayflow {0} --version")
    @MethodSource("everyCommand")
    void versionWorksOnEveryCommand(String command) {
        Run run = run(command, "--version");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("clayflow ");
    }

    @ParameterizedTest(name = "clayflow {0} --help")
    @MethodSource("everyCommand")
    void helpWorksOnEveryCommand(String command) {
        Run run = run(command, "--help");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: clayflow " + command);
    }

    @Test
    void thereAreCommandsToCheck() {
        assertThat(everyCommand()).contains("up", "status", "demo", "import-csv", "dlq", "dlq list", "dlq replay");
    }

    @Test
    void upHelpNamesEveryPartItStartsAndEverySink(@TempDir Path data) {
        LocalStack stack = LocalStack.create(StackConfig.load(null, Map.of(),
                Map.of(StackConfig.DATA_DIR, data.toString())));
        List<String> names = new ArrayList<>(stack.parts().stream().map(StackPart::name).toList());
        names.addAll(stack.part(ConnectPart.class).connectors().stream().map(ConnectorSpec::name).toList());

        String help = run("up", "--help").out();

        assertThat(names).contains("routing", "connect", "hubspot-sink", "outreach-sink", "warehouse-sink");
        assertThat(help).contains(names).contains("status app", "HubSpot", "Outreach", "DuckDB");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String command, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClayflowCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of(options));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
