package io.clayflow.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The benchmark client of the callback endpoint: Clay-shaped callbacks, each with a new {@code lead_id} (so every one
 * is published, none answered as a replay), from at most {@code concurrency} requests in flight over as many
 * keep-alive HTTP/1.1 connections, either as fast as they are answered ({@code rate} 0) or started on a fixed
 * schedule of {@code rate} per second, latency then counting from the scheduled start so a stall shows in the
 * percentiles instead of slowing the schedule (no coordinated omission). Shared by {@link GatewayThroughputBenchmark}
 * and the {@code bench} module's suite.
 *
 * <p>The client is Vert.x's own (Netty, one event loop of its own Vert.x instance): the JDK HttpClient costs more CPU
 * per request than the gateway does, and on a 2-core machine that starves the gateway and the broker it measures.
 */
public final class CallbackLoad implements AutoCloseable {

    private final GatewayUnderTest gateway;
    private final int concurrency;
    private final int rate;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClientAgent client;

    public CallbackLoad(GatewayUnderTest gateway, int concurrency, int rate) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.concurrency = concurrency;
        this.rate = rate;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(concurrency)
                .setMaxWaitQueueSize(concurrency));
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
        // Room for every request the run can start: at most rate x duration on a schedule, and a generous bound open.
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, rate > 0 ? rate * (duration.toSeconds() + 1)
                : 50_000L * (duration.toSeconds() + 1));
        AtomicLongArray latencies = new AtomicLongArray(capacity);
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(gateway.server.httpPort()).setURI("/v1/clay/callback")
                .putHeader("Authorization", "Bearer " + GatewayUnderTest.CALLBACK_TOKEN)
                .putHeader("Content-Type", "application/json").setIdleTimeout(30_000);
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        int n = 0;
        while (System.nanoTime() < end && n < capacity) {
            int index = n++;
            long scheduled = rate > 0 ? begin + (long) (index * 1e9 / rate) : 0;
            if (rate > 0) {
                LockSupport.parkNanos(scheduled - System.nanoTime()); // pacing the offered load, not awaiting a result
            }
            slots.acquire();
            Buffer body = Buffer.buffer("{\"lead_id\": \"" + phase + "-" + index + "\", \"Work Email\": \"p" + index
                    + "@acme.io\", \"ICP Score\": " + (index % 101)
                    + ", \"Funding\": \"Series B\", \"Employees\": 120}");
            long start = rate > 0 ? scheduled : System.nanoTime();
            client.request(target).compose(request -> request.send(body))
                    .compose(response -> response.end().map(ignored -> response.statusCode()))
                    .onComplete(answer -> {
                        latencies.set(index, (System.nanoTime() - start) / 1000);
                        if (answer.succeeded() && answer.result() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        if (!slots.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(concurrency - slots.availablePermits()
                    + " callbacks still unanswered 60 s after the run ended");
        }
        slots.release(concurrency);
        long[] measured = new long[n];
        for (int i = 0; i < n; i++) {
            measured[i] = latencies.get(i);
        }
        return new Result(ok.get(), failed.get(), measured);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The load client did not stop cleanly", e);
        }
    }
}
