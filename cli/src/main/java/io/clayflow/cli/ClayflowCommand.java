package io.clayflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every clayflow command that does something shares: picocli's model of it ({@link #spec}) and the streams it
 * prints to, which are the command line's (so tests read what a command printed). Its {@code call()} returns the
 * exit code ({@link ExitCodes}).
 */
public abstract class ClayflowCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** Where the command prints its results. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where the command prints progress and warnings. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
