package io.clayflow.cli.it;

import static io.clayflow.testsupport.PrometheusScrape.fetch;
import static io.clayflow.testsupport.PrometheusScrape.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB warehouse of {@code clayflow up} can be read while leads flow into it: the documented command,
 * {@code clayflow warehouse query "select count(*) from enriched_leads"}, run here while {@code up} (a process of its
 * own, whose warehouse sink writes the file) takes demo leads, answers each time within two seconds with the current
 * row count: no fewer rows than the sink had upserted before the query, no more than it had after.
 */
@Tag("integration")
class WarehouseQueryIT {

    private static final Pattern SENT = Pattern.compile("Sent (\\d+) leads to leads.raw: (\\d+) unique valid");
    private static final String QUERY = "select count(*) as n from enriched_leads";
    private static final String UPSERTED = "clayflow_connect_rows_upserted_total";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    /** One run of the query: how long it took, what it said, and the sink's upsert count around it. */
    record Answer(int exitCode, String output, long millis, double upsertedBefore, double upsertedAfter) {

        long rows() {
            Matcher n = Pattern.compile("^n\\r?\\n(\\d+)", Pattern.MULTILINE).matcher(output);
            return n.find() ? Long.parseLong(n.group(1)) : -1;
        }
    }

    @Test
    void whileLeadsFlowTheDocumentedQueryAnswersWithTheCurrentRowCountWithinTwoSeconds(@TempDir Path dir)
            throws Exception {
        try (UpProcess up = UpProcess.startIn(dir)) {
            URI metrics = URI.create(up.connectUrl() + "/metrics");
            // No repeats: a repeat served from intake's enrichment cache upserts a row that exists, so only with
            // every lead a new person is each upsert one more row, which is what the answers are checked against.
            CliRun demo = CliRun.run("demo", "--leads", "300", "--duplicates", "0", "--bootstrap-servers",
                    up.bootstrapServers(), "--schema-registry-url", up.registryUrl(), "--timeout", "30s");
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            Matcher sent = SENT.matcher(demo.out());
            assertThat(sent.find()).as(demo.out()).isTrue();
            long unique = Long.parseLong(sent.group(2));

            await("the sink's first rows in the warehouse").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250)).until(() -> query(up).exitCode() == 0);
            List<Answer> answers = new ArrayList<>();
            // Clay's own pace (10 rows/s) applies under up: the leads trickle into the warehouse for about half a
            // minute, long enough for well over the ten answers asked for below (one every second or two).
            await("every unique lead in the warehouse").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        double before = sum(fetch(metrics), UPSERTED);
                        long start = System.nanoTime();
                        CliRun run = query(up);
                        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                        Answer answer = new Answer(run.exitCode(), run.out() + run.err(), millis, before,
                                sum(fetch(metrics), UPSERTED));
                        answers.add(answer);
                        return answer.rows() >= unique;
                    });

            List<Answer> whileFlowing = answers.stream().filter(answer -> answer.rows() < unique).toList();
            System.out.printf("warehouse query while leads flowed: %d answers, slowest %d ms, rows %s%n",
                    whileFlowing.size(), answers.stream().mapToLong(Answer::millis).max().orElse(-1),
                    answers.stream().map(Answer::rows).toList());
            assertThat(answers).as("every answer, in a row").allSatisfy(answer -> {
                assertThat(answer.exitCode()).as(answer.output()).isZero();
                assertThat(answer.millis()).as("answered within %s", ANSWER_WITHIN)
                        .isLessThanOrEqualTo(ANSWER_WITHIN.toMillis());
                assertThat((double) answer.rows()).as("the current row count: %s", answer)
                        .isBetween(answer.upsertedBefore(), answer.upsertedAfter());
            });
            assertThat(whileFlowing).as("answers while leads were still flowing in").hasSizeGreaterThanOrEqualTo(10);
            assertThat(answers.get(answers.size() - 1).rows()).isEqualTo(unique);
        }
    }

    private static CliRun query(UpProcess up) {
        return CliRun.run("warehouse", "query", QUERY, "--data-dir", up.dataDir().toString(), "--format", "csv");
    }
}
