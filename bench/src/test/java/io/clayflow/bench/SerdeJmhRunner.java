package io.clayflow.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SerdeCodecJmh} with JMH in one forked JVM (JMH's own, on this classpath) and returns each benchmark's
 * score in operations per second with its 99.9% error.
 */
final class SerdeJmhRunner {

    /** A JMH score: operations per second and the half-width of its 99.9% confidence interval. */
    record Score(double opsPerSecond, double error) {
    }

    private final String registryUrl;
    private final int iterations;
    private final int iterationSeconds;

    SerdeJmhRunner(String registryUrl, int iterations, int iterationSeconds) {
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
        this.iterations = iterations;
        this.iterationSeconds = iterationSeconds;
    }

    /** Scores by benchmark method name (encodeLead, decodeLead, encodeEnrichedLead, decodeEnrichedLead). */
    Map<String, Score> run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(SerdeCodecJmh.class.getName())
                .forks(1)
                .warmupIterations(iterations)
                .warmupTime(TimeValue.seconds(iterationSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .threads(1)
                .jvmArgsAppend("-Xmx512m", "-D" + SerdeCodecJmh.REGISTRY_URL_PROPERTY + "=" + registryUrl)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Score> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            scores.put(method, new Score(result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}
