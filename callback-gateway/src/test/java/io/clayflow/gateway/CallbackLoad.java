package io.clayflow.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark client of the callback endpoint: Clay-shaped callbacks from at most {@code concurrency} requests in
 * flight, either as fast as they are answered ({@code rate} 0) or started on a fixed schedule of {@code rate} per
 * second, latency then counting from the scheduled start so a stall shows in the percentiles instead of slowing the
 * schedule. Shared by {@link GatewayThroughputBenchmark} and the {@code bench} module's suite.
 */
public final class CallbackLoad {

    private final GatewayUnderTest gateway;
    private final int concurrency;
    private final int rate;

    public CallbackLoad(GatewayUnderTest gateway, int concurrency, int rate) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.concurrency = concurrency;
        this.rate = rate;
    }

    /** Answers counted and the latency of every request, in microseconds. */
    public record Result(long ok, long failed, long[] latenciesMicros) {

        /** The p-th percentile (nearest rank, e.g. 99.9) of the latencies in milliseconds; 0 if there were none. */
        public double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }

    /** Sends callbacks for {@code duration}, with lead ids {@code <phase>-<n>}, and waits for every answer. */
    public Result run(String phase, Duration duration) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        Map<Integer, Long> latencies = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        while (System.nanoTime() < end) {
            int n = sequence.incrementAndGet();
            long scheduled = rate > 0 ? begin + (long) (n * 1e9 / rate) : 0;
            if (rate > 0) {
                LockSupport.parkNanos(scheduled - System.nanoTime()); // pacing the offered load, not awaiting a result
            }
            slots.acquire();
            String body = "{\"lead_id\": \"" + phase + "-" + n + "\", \"Work Email\": \"p" + n
                    + "@acme.io\", \"ICP Score\": " + (n % 101) + ", \"Funding\": \"Series B\", \"Employees\": 120}";
            long start = rate > 0 ? scheduled : System.nanoTime();
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
        slots.acquire(concurrency);
        slots.release(concurrency);
        return new Result(ok.get(), failed.get(), latencies.values().stream().mapToLong(Long::longValue).toArray());
    }
}
