package io.clayflow.cli;

import io.clayflow.status.ClusterException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr and an exit code: {@link CliException}s are expected and carry
 * their own code; anything else is a bug or an unforeseen condition, so its stack trace is shown too.
 */
final class CliFailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        if (exception instanceof CliException cli) {
            err.println(commandLine.getColorScheme().errorText("clayflow " + commandLine.getCommandName() + ": "
                    + cli.getMessage()));
            err.flush();
            return cli.exitCode();
        }
        if (exception instanceof ClusterException cluster) {
            err.println(commandLine.getColorScheme().errorText("clayflow " + commandLine.getCommandName() + ": "
                    + cluster.getMessage()));
            err.flush();
            return cluster.unreachable() ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
        }
        err.println(commandLine.getColorScheme().errorText("clayflow " + commandLine.getCommandName()
                + " failed unexpectedly: " + exception));
        exception.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILED;
    }
}
