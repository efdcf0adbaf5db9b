package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;

/**
 * Callbacks per second through the gateway to a real broker (acks=all, idempotent, registry), with a fixed number
 * of concurrent HTTP/1.1 clients, after a warm-up; latency percentiles from the client's side. Run only with
 * {@code -Pbenchmark}; results to stdout and {@code target/benchmarks/gateway-throughput.md}.
 */
@ClayflowIntegrationTest
class GatewayThroughputBenchmark {

    private static final String PREFIX = "gateway-benchmark";
    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 64);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("benchmark.warmup.seconds", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    /** 0: as fast as the clients go. Above 0: requests start on a fixed schedule of this many per second, and latency
     *  counts from the scheduled start, so a stall shows in the percentiles instead of slowing the schedule. */
    private static final int RATE = Integer.getInteger("benchmark.rate", 0);
    /** The gateway's {@code http.instances}: event loops serving the public port. */
    private static final int INSTANCES = Integer.getInteger("benchmark.instances",
            Runtime.getRuntime().availableProcessors());

    @Test
    void callbacksPerSecond(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(PREFIX + ".leads.enriched", 4);
        kafka.createTopic(PREFIX + ".leads.raw", 1);
        try (GatewayUnderTest gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of(
                "callback.columns", "Work Email:work_email,ICP Score:icp_score", "produce.max.in.flight", "10000",
                "http.instances", Integer.toString(INSTANCES)))) {
            CallbackLoad.Result warmup;
            CallbackLoad.Result result;
            try (CallbackLoad load = new CallbackLoad(gateway, CONCURRENCY, RATE)) {
                warmup = load.run("warmup", WARMUP);
                result = load.run("measure", MEASURE);
            }
            long onTopic = GatewayUnderTest.endOffsets(kafka.bootstrapServers(), PREFIX + ".leads.enriched");
            String report = String.format("""
                    # Gateway throughput (GatewayThroughputBenchmark)

                    | what | value |
                    |---|---|
                    | offered load | %s |
                    | concurrency (HTTP/1.1 clients) | %d |
                    | measured for | %d s (after a %d s warm-up) |
                    | callbacks answered 200 | %d |
                    | non-200 answers | %d |
                    | throughput | %.0f callbacks/s |
                    | latency p50 / p95 / p99 / p99.9 / max | %.1f / %.1f / %.1f / %.1f / %.1f ms |
                    | gateway event loops (http.instances) | %d |
                    | records on the topic (warm-up + measured) | %d |
                    | cores | %d |
                    """, RATE > 0 ? "fixed, " + RATE + " callbacks/s" : "open (as fast as the clients go)",
                    CONCURRENCY, MEASURE.toSeconds(), WARMUP.toSeconds(), result.ok(), result.failed(),
                    result.ok() / (double) MEASURE.toSeconds(), result.percentile(50), result.percentile(95),
                    result.percentile(99), result.percentile(99.9), result.percentile(100), INSTANCES, onTopic,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", RATE > 0 ? "gateway-latency-at-" + RATE + ".md"
                    : "gateway-throughput.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            assertThat(result.failed()).as("non-200 answers").isZero();
            // Each callback carries a new lead_id, so each 200 is one record on the topic (none a replay).
            assertThat(onTopic).as("records on the topic").isEqualTo(warmup.ok() + result.ok());
        }
    }
}
