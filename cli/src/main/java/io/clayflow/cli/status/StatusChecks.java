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

    /** One thing wrong: which {@link StatusProblem} (its kind and exit code), and what to tell a person. */
    record Problem(StatusProblem problem, String message) {

        Problem {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }

        /** The stable name for scripts, e.g. {@code connector_failed}. */
        String kind() {
            return problem.kind();
        }

        int exitCode() {
            return problem.exitCode();
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
            problems.add(new Problem(StatusProblem.CONNECT_UNREACHABLE, connect.error()));
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
                    problems.add(new Problem(StatusProblem.LAG_ABOVE_THRESHOLD, "consumer group " + group + " is " + lag
                            + " records behind (--max-lag " + maxLag + ")"));
                }
            });
        }
        if (maxDeadLetters != null && status.deadLetterTotal() > maxDeadLetters) {
            problems.add(new Problem(StatusProblem.DEAD_LETTERS_ABOVE_THRESHOLD, status.deadLetterTotal()
                    + " dead letters (--max-dlq " + maxDeadLetters + ")"));
        }
        return new Verdict(problems.stream().mapToInt(Problem::exitCode).min().orElse(0), problems);
    }

    private static Problem failed(String what, String trace) {
        return new Problem(StatusProblem.CONNECTOR_FAILED, what + " is FAILED" + (trace == null ? "" : ": " + trace));
    }
}
