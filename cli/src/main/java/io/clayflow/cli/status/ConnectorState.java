package io.clayflow.cli.status;

import java.util.List;
import java.util.Objects;

/**
 * One connector as Kafka Connect's REST API reports it: its state and its tasks', each with the first line of its
 * failure when it failed ({@link #failureLine}).
 *
 * @param type {@code sink} or {@code source}, as Connect says
 * @param trace the line of the connector's failure trace that says what happened, or null
 * @param progress how far a CRM source has read, or null (a sink, or a source without a {@code lastmodified} offset
 *     nor a last-search gauge)
 */
public record ConnectorState(String name, String type, String state, String workerId, String trace,
        List<TaskState> tasks, SourceProgress progress) {

    private static final String CAUSED_BY = "Caused by: ";

    /** Connect's state of a connector or task that stopped on an error. */
    public static final String FAILED = "FAILED";

    public ConnectorState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        tasks = List.copyOf(tasks);
    }

    public ConnectorState(String name, String type, String state, String workerId, String trace,
            List<TaskState> tasks) {
        this(name, type, state, workerId, trace, tasks, null);
    }

    /** This connector with how far it has read. */
    ConnectorState withProgress(SourceProgress read) {
        return new ConnectorState(name, type, state, workerId, trace, tasks, read);
    }

    /** One task of a connector. */
    public record TaskState(int id, String state, String workerId, String trace) {

        public TaskState {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Whether the connector or any of its tasks is FAILED. */
    public boolean failed() {
        return state.equals(FAILED) || tasks.stream().anyMatch(task -> task.state().equals(FAILED));
    }

    /**
     * The line of a stack trace an operator reads first: the exception and its message. Connect wraps what a task
     * threw ("Exiting WorkerSinkTask due to unrecoverable exception"), so the innermost cause's line is the one that
     * says what happened; without a cause, the first line.
     */
    static String failureLine(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        List<String> lines = trace.strip().lines().toList();
        String rootCause = null;
        for (String line : lines) {
            if (line.startsWith(CAUSED_BY)) {
                rootCause = line.substring(CAUSED_BY.length()).strip();
            }
        }
        return rootCause != null ? rootCause : lines.get(0);
    }
}
