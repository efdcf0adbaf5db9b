package io.clayflow.bench;

import io.clayflow.gateway.CallbackLoad;
import io.clayflow.gateway.GatewayUnderTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The callback gateway on the suite's broker (acks=all and idempotence, which the gateway enforces) under the
 * {@code GatewayThroughputBenchmark}'s client ({@link CallbackLoad}): open (as fast as {@value #OPEN_CONCURRENCY}
 * clients are answered) and at fixed offered rates; callbacks answered per second and the latency percentiles,
 * counted at fixed rates from each request's scheduled start.
 */
final class GatewayBench implements AutoCloseable {

    private static final String PREFIX = "bench-gateway";
    /** The most requests in flight at a fixed rate: room for a stall to show as latency, not as a slower rate. */
    private static final int FIXED_RATE_CONCURRENCY = 256;
    /** Clients of the open run: enough to keep the gateway busy, few enough not to queue inside it. */
    static final int OPEN_CONCURRENCY = 64;

    private final KafkaBroker kafka;
    private final GatewayUnderTest gateway;

    GatewayBench(KafkaBroker kafka, SchemaRegistryServer registry, int partitions) throws Exception {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        kafka.createTopic(PREFIX + ".leads.enriched", partitions);
        kafka.createTopic(PREFIX + ".leads.raw", 1);
        this.gateway = GatewayUnderTest.start(kafka, registry, PREFIX, Map.of(
                "callback.columns", "Work Email:work_email,ICP Score:icp_score", "produce.max.in.flight", "10000"));
    }

    /** One fixed-rate run: answered, failed, achieved rate and latency percentiles in ms. */
    record Result(int offered, long ok, long failed, double seconds, double p50, double p99, double p999,
                  double max) {
        double callbacksPerSecond() {
            return ok / seconds;
        }
    }

    /** A warm-up at {@code rate} (0: open), then {@code duration} measured at it. */
    Result run(int rate, Duration warmup, Duration duration) throws InterruptedException {
        try (CallbackLoad load = new CallbackLoad(gateway, rate > 0 ? FIXED_RATE_CONCURRENCY : OPEN_CONCURRENCY,
                rate)) {
            load.run("warmup-" + rate, warmup);
            long start = System.nanoTime();
            CallbackLoad.Result result = load.run("measure-" + rate, duration);
            double seconds = Math.max(duration.toNanos(), System.nanoTime() - start) / 1e9;
            return new Result(rate, result.ok(), result.failed(), seconds, result.percentile(50),
                    result.percentile(99), result.percentile(99.9), result.percentile(100));
        }
    }

    /** Records on the gateway's enriched topic: one per callback answered 200. */
    long recordsOnTopic() throws Exception {
        return GatewayUnderTest.endOffsets(kafka.bootstrapServers(), PREFIX + ".leads.enriched");
    }

    @Override
    public void close() {
        gateway.close();
    }
}
