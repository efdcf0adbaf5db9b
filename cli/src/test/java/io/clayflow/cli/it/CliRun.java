package io.clayflow.cli.it;

import io.clayflow.cli.ClayflowCli;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the clayflow command in this JVM: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClayflowCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code command} ("status", "dlq replay") with {@code options}, against the test's broker and registry. */
    static CliRun against(KafkaBroker kafka, SchemaRegistryServer registry, String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url(),
                "--timeout", "30s"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }
}
