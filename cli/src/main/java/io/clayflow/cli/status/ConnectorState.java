package io.clayflow.cli.status;

import java.util.List;
import java.util.Objects;

/**
 * One connector as Kafka Connect's REST API reports it: its state and its tasks', each with the first line of its
 * failure trace when it failed.
 *
 * @param type {@code sink} or {@code source}, as Connect says
 * @param trace the first line of the connector's failure trace, or null
 */
public record ConnectorState(String name, String type, String state, String workerId, String trace,
        List<TaskState> tasks) {

    /** Connect's state of a connector or task that stopped on an error. */
    public static final String FAILED = "FAILED";

    public ConnectorState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        tasks = List.copyOf(tasks);
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

    /** The first line of a stack trace: the exception and its message, what an operator reads first. */
    static String firstLine(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        return trace.strip().lines().findFirst().orElse(null);
    }
}
