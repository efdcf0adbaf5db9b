package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("benchmark.warmup.seconds", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    /** 0: as fast as the clients go. Above 0: requests start on a fixed schedule of this many per second, and latency
     *  counts from the scheduled start, so a stall shows in the percentiles instead of slowing the schedule. */
    private static final int RATE = Integer.getInteger("benchmark.rate", 0);

    @Test
    void callbacksPerSecond(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(PREFIX + ".leads.enriched", 4);
        kafka.createTopic(PREFIX + ".leads.raw", 1);
        try (GatewayUnderTest gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of(
                "callback.columns", "Work Email:work_email,ICP Score:icp_score", "produce.max.in.flight", "10000"))) {
            run(gateway, "warmup", WARMUP);
            Result result = run(gateway, "measure", MEASURE);
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
                    | latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |
                    | records on the topic (warm-up + measured) | %d |
                    | cores | %d |
                    """, RATE > 0 ? "fixed, " + RATE + " callbacks/s" : "open (as fast as the clients go)",
                    CONCURRENCY, MEASURE.toSeconds(), WARMUP.toSeconds(), result.ok, result.failed,
                    result.ok / (double) MEASURE.toSeconds(), result.percentile(50), result.percentile(95),
                    result.percentile(99), result.percentile(100), onTopic,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", RATE > 0 ? "gateway-latency-at-" + RATE + ".md"
                    : "gateway-throughput.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            assertThat(result.failed).isZero();
        }
    }

    private record Result(long ok, long failed, long[] latenciesMicros) {
        double percentile(int p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }

    private static Result run(GatewayUnderTest gateway, String phase, Duration duration) throws Exception {
        Semaphore slots = new Semaphore(CONCURRENCY);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        Map<Integer, Long> latencies = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        while (System.nanoTime() < end) {
            int n = sequence.incrementAndGet();
            long scheduled = RATE > 0 ? begin + (long) (n * 1e9 / RATE) : 0;
            if (RATE > 0) {
                LockSupport.parkNanos(scheduled - System.nanoTime()); // pacing the offered load, not awaiting a result
            }
            slots.acquire();
            String body = "{\"lead_id\": \"" + phase + "-" + n + "\", \"Work Email\": \"p" + n
                    + "@acme.io\", \"ICP Score\": " + (n % 101) + ", \"Funding\": \"Series B\", \"Employees\": 120}";
            long start = RATE > 0 ? scheduled : System.nanoTime();
            gateway.http.sendAsync(HttpRequest.newBuilder(gateway.uri("/v1/clay/callback"))
                    .header("Authorization", "Bearer " + GatewayUnderTest.CALLBACK_TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                        latencies.put(n, (System.nanoTime() - start) / 1000);
                        if (error == null && response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(CONCURRENCY);
        slots.release(CONCURRENCY);
        return new Result(ok.get(), failed.get(), latencies.values().stream().mapToLong(Long::longValue).toArray());
    }
}
