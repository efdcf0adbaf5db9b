package io.clayflow.connect.sink;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every clayflow sink task does the same way: decode a put ({@link RecordDecoder}), deliver it in order, and,
 * when the peer (or the schema registry) is unavailable, rewind to the first record not delivered, cap the offset
 * commit there and pause consumption for the wait ({@link SinkPause}): nothing is skipped, nothing delivered is sent
 * again, nothing spins. Records that cannot be delivered go to the dead-letter topic ({@link DeadLetters}), counted by
 * the sink's dead-letter metric; the peer's circuit state is a gauge. A subclass builds its peer's client in
 * {@link #startSink} and delivers a decoded put in {@link #deliver}.
 *
 * @param <T> the value type: a compiled Avro class, or {@code GenericRecord} for the writer's schema
 */
public abstract class ClayflowSinkTask<T> extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(ClayflowSinkTask.class);

    private final String peer;
    private final Class<T> valueType;
    private final String deadLetterMetric;
    private final String deadLetterDescription;
    private SinkPause pause;
    private DeadLetters deadLetters;
    private RecordDecoder<T> decoder;
    private ResilientCall guard;

    /**
     * @param peer             who the sink delivers to, for logs and the circuit gauge ("Clay", "HubSpot")
     * @param deadLetterMetric the counter of records sent to the dead-letter topic, e.g. {@code rows-dead-lettered}
     */
    protected ClayflowSinkTask(String peer, Class<T> valueType, String deadLetterMetric, String deadLetterDescription) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.deadLetterMetric = Objects.requireNonNull(deadLetterMetric, "deadLetterMetric");
        this.deadLetterDescription = Objects.requireNonNull(deadLetterDescription, "deadLetterDescription");
    }

    @Override
    public final String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public final void start(Map<String, String> props) {
        SinkMetrics metrics = new SinkMetrics(context.pluginMetrics());
        Sensor deadLettered = metrics.counter(deadLetterMetric, deadLetterDescription);
        deadLetters = new DeadLetters(context.errantRecordReporter(), () -> deadLettered.record());
        pause = new SinkPause(context, Clock.systemUTC());
        Started started = startSink(props, metrics);
        guard = started.guard();
        decoder = RecordDecoder.configured(props, valueType);
        LOG.info("{} sink started: {}", peer, started.summary());
        metrics.gauge("circuit-state", peer + " circuit: 0 closed, 1 open, 2 half-open", guard::circuitStateCode);
    }

    /**
     * Reads the sink's configuration (failing, naming the key, on a bad one) and builds what it delivers with.
     *
     * @param metrics where the sink registers its own metrics beside the shared ones
     */
    protected abstract Started startSink(Map<String, String> props, SinkMetrics metrics);

    /**
     * A started sink: the guard of its calls to the peer (its circuit is the gauge, its backoff the default pause)
     * and what the start log line says of its settings.
     */
    public record Started(ResilientCall guard, String summary) {
    }

    @Override
    public final void put(Collection<SinkRecord> records) {
        if (!pause.admit(records)) {
            return;
        }
        Collection<SinkRecord> toDeliver = notYetDelivered(records);
        DecodedPut<T> put;
        try {
            put = decoder.decode(toDeliver);
        } catch (UnavailableException e) {
            pauseAndReadAgain(e, toDeliver);
            return;
        }
        deliver(put);
    }

    /** The records of a put still to deliver: all of them, unless the sink knows its peer took some before. */
    protected Collection<SinkRecord> notYetDelivered(Collection<SinkRecord> records) {
        return records;
    }

    /** Delivers a decoded put; the records refused while decoding are the sink's to dead-letter when it is right. */
    protected abstract void deliver(DecodedPut<T> put);

    /** Delivers one batch, or throws when its peer is unavailable. */
    @FunctionalInterface
    protected interface BatchDelivery<B> {
        void deliver(B batch) throws UnavailableException;
    }

    /**
     * Delivers batches in order; when the peer is unavailable, the records of that batch and the following ones are
     * read again after the pause.
     *
     * @return whether every batch was delivered
     */
    protected final <B> boolean deliverInTurn(List<B> batches, Function<B, List<SinkRecord>> recordsOf,
            BatchDelivery<B> delivery) {
        for (int i = 0; i < batches.size(); i++) {
            try {
                delivery.deliver(batches.get(i));
            } catch (UnavailableException e) {
                pauseAndReadAgain(e, batches.subList(i, batches.size()).stream()
                        .flatMap(batch -> recordsOf.apply(batch).stream()).toList());
                return false;
            }
        }
        return true;
    }

    private void pauseAndReadAgain(UnavailableException e, Collection<SinkRecord> notDelivered) {
        Duration wait = e.retryAfter().orElse(guard.backoff(1));
        LOG.warn("{}; pausing {} ms, then the {} record(s) not yet delivered to {} are read again", e.getMessage(),
                wait.toMillis(), notDelivered.size(), peer);
        pause.pauseAndRedeliver(notDelivered, wait);
    }

    protected final void deadLetter(RefusedRecord refused) {
        deadLetters.report(refused.record(), refused.reason());
    }

    /**
     * Dead-letters the refused records the pause (if any) will not hand over again: those it will are refused once
     * more when they come back, so each gets one dead letter.
     */
    protected final void deadLetterUnlessReadAgain(Collection<RefusedRecord> refused) {
        refused.stream().filter(refusal -> !pause.redelivers(refusal.record())).forEach(this::deadLetter);
    }

    protected final DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Offsets commit only up to the first record not yet delivered (see {@link SinkPause}). */
    @Override
    public final Map<TopicPartition, OffsetAndMetadata> preCommit(
            Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pause.safeOffsets(currentOffsets);
    }

    @Override
    public final void stop() {
        if (decoder != null) {
            decoder.close();
        }
        stopSink();
    }

    /** Releases what {@link #startSink} opened; the decoder is closed already. */
    protected void stopSink() {
    }
}
