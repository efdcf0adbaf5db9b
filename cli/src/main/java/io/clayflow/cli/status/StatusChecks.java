package io.clayflow.cli.status;

import io.clayflow.status.PipelineStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code --check} judges a reading by: Connect reachable, no connector or task FAILED, no consumer group behind by
 * more than {@code maxLag}, no more dead letters than {@code maxDeadLetters} (a null threshold is not checked).
 */
record StatusChecks(Long maxDeadLetters, Long maxLag) {

    /** One thing wrong: a stable {@code kind} for scripts, the exit code it stands for, and what to tell a person. */
    record Problem(String kind, int exitCode, String message) {

        Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Every problem found, and the exit code of the most urgent (0 with none). */
    record Verdict(int exitCode, List<Problem> problems) {

        Verdict {
            problems = List.copyOf(problems);
        }
    }

    Verdict judge(PipelineStatus status, ConnectView connect) {
        List<Problem> problems = new ArrayList<>();
        if (!connect.reachable()) {
            problems.add(new Problem("connect_unreachable", StatusExitCodes.CONNECT_UNREACHABLE, connect.error()));
        }
        for (ConnectorState connector : connect.connectors()) {
            if (connector.state().equals(ConnectorState.FAILED)) {
                problems.add(failed("connector " + connector.name(), connector.trace()));
            }
            connector.tasks().stream().filter(task -> task.state().equals(ConnectorState.FAILED))
                    .forEach(task -> problems.add(failed("task " + connector.name() + "/" + task.id(), task.trace())));
        }
        if (maxLag != null) {
            status.consumerLag().forEach((group, lag) -> {
                if (lag > maxLag) {
                    problems.add(new Problem("lag_above_threshold", StatusExitCodes.LAG_ABOVE_THRESHOLD,
                            "consumer group " + group + " is " + lag + " records behind (--max-lag " + maxLag + ")"));
                }
            });
        }
        if (maxDeadLetters != null && status.deadLetterTotal() > maxDeadLetters) {
            problems.add(new Problem("dead_letters_above_threshold", StatusExitCodes.DLQ_ABOVE_THRESHOLD,
                    status.deadLetterTotal() + " dead letters (--max-dlq " + maxDeadLetters + ")"));
        }
        return new Verdict(problems.stream().mapToInt(Problem::exitCode).min().orElse(0), problems);
    }

    private static Problem failed(String what, String trace) {
        return new Problem("connector_failed", StatusExitCodes.CONNECTOR_FAILED, what + " is FAILED"
                + (trace == null ? "" : ": " + trace));
    }
}
