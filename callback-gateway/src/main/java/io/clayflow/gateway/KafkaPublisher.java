package io.clayflow.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.clayflow.gateway.config.ProduceConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Sends records with the plain {@link Producer} and completes a Vert.x future from the send callbacks: success only
 * when Kafka acknowledged every record (acks=all). Never blocks the event loop: {@code send} (which may wait for
 * metadata up to {@code max.block.ms} and serializes, possibly asking the registry) runs on one sender thread. At most
 * {@code maxInFlight} records are unacknowledged; past it, and past {@code timeout}, the future fails with a 503.
 */
final class KafkaPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    private final Vertx vertx;
    private final Producer<String, Object> producer;
    private final int maxInFlight;
    private final Duration timeout;
    private final int retryAfterSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gateway-kafka-sender");
        t.setDaemon(true);
        return t;
    });
    private GatewayMetrics metrics;

    /** {@code limits}: how many records may wait for their ack, how long, and the Retry-After of the 503s. */
    KafkaPublisher(Vertx vertx, Producer<String, Object> producer, ProduceConfig limits) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.maxInFlight = limits.maxInFlight();
        this.timeout = limits.timeout();
        this.retryAfterSeconds = limits.retryAfterSeconds();
    }

    void metrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Sends {@code records} (in order) and succeeds with their metadata once Kafka acknowledged all of them. */
    Future<List<RecordMetadata>> publish(List<ProducerRecord<String, Object>> records) {
        int n = records.size();
        if (inFlight.addAndGet(n) > maxInFlight) {
            inFlight.addAndGet(-n);
            return Future.failedFuture(ApiError.unavailable("The gateway is at its limit of " + maxInFlight
                    + " records in flight to Kafka; retry later", retryAfterSeconds).asException());
        }
        metrics.produceAttempts(n);
        Context context = vertx.getOrCreateContext();
        Promise<List<RecordMetadata>> promise = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), id -> promise.tryFail(ApiError.unavailable(
                "Kafka did not acknowledge within " + timeout.toMillis() + " ms; retry later", retryAfterSeconds)
                .asException()));
        RecordMetadata[] acked = new RecordMetadata[n];
        AtomicInteger pending = new AtomicInteger(n);
        long start = System.nanoTime();
        try {
            sender.execute(() -> {
                for (int i = 0; i < n; i++) {
                    int index = i;
                    ProducerRecord<String, Object> record = records.get(i);
                    try {
                        producer.send(record, (metadata, error) -> {
                            inFlight.decrementAndGet();
                            metrics.produce(record.topic(), error == null, Duration.ofNanos(System.nanoTime() - start));
                            if (error != null) {
                                LOG.warn("Kafka refused a record for {} (key {}): {}", record.topic(), record.key(),
                                        error.toString());
                                context.runOnContext(v -> fail(promise, timer));
                            } else {
                                acked[index] = metadata;
                                if (pending.decrementAndGet() == 0) {
                                    context.runOnContext(v -> {
                                        vertx.cancelTimer(timer);
                                        promise.tryComplete(List.of(acked));
                                    });
                                }
                            }
                        });
                    } catch (RuntimeException e) {
                        // send() itself failed (metadata not available within max.block.ms, serializer/registry
                        // error): the record never reached the producer's buffer.
                        inFlight.decrementAndGet();
                        metrics.produce(record.topic(), false, Duration.ofNanos(System.nanoTime() - start));
                        LOG.warn("Could not send a record to {} (key {}): {}", record.topic(), record.key(),
                                e.toString());
                        context.runOnContext(v -> fail(promise, timer));
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.addAndGet(-n);
            vertx.cancelTimer(timer);
            return Future.failedFuture(ApiError.unavailable("The gateway is shutting down", retryAfterSeconds)
                    .asException());
        }
        return promise.future();
    }

    private void fail(Promise<?> promise, long timer) {
        vertx.cancelTimer(timer);
        promise.tryFail(ApiError.unavailable("Kafka did not acknowledge the record; retry later", retryAfterSeconds)
                .asException());
    }

    /** Flushes what was sent and closes the producer, waiting at most {@code wait}. */
    void close(Duration wait) {
        sender.shutdown();
        try {
            sender.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            producer.flush();
        } finally {
            producer.close(wait);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
