package io.clayflow.cli;

/** The exit codes of every clayflow command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command ran but failed (e.g. some CSV rows were refused, a record could not be sent). */
    public static final int FAILED = 1;
    /** A bad option or argument (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** The Kafka cluster or the schema registry could not be reached within the timeout. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
