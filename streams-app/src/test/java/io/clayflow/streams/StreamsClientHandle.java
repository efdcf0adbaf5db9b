package io.clayflow.streams;

import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Creates the Kafka Streams client a {@link StreamsAppRunner} runs and keeps a handle on it, so that a test can
 * close it behind the runner's back, or have the first stream thread failure end the client in {@code ERROR}.
 * The runner replaces failed threads, so outside a test {@code ERROR} comes only from Kafka Streams itself (a
 * shutdown requested by another member of the group); the second mode stands in for that.
 */
public final class StreamsClientHandle implements BiFunction<Topology, Properties, KafkaStreams> {

    private final boolean failForGood;
    private volatile KafkaStreams streams;

    private StreamsClientHandle(boolean failForGood) {
        this.failForGood = failForGood;
    }

    /** A client as the runner configures it. */
    public static StreamsClientHandle keeping() {
        return new StreamsClientHandle(false);
    }

    /** A client whose first stream thread failure shuts it down to {@code ERROR}, whatever the runner asks. */
    public static StreamsClientHandle failingForGood() {
        return new StreamsClientHandle(true);
    }

    @Override
    public KafkaStreams apply(Topology topology, Properties props) {
        streams = failForGood ? new KafkaStreams(topology, props) {
            @Override
            public void setUncaughtExceptionHandler(
                    org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler handler) {
                super.setUncaughtExceptionHandler(exception -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            }
        } : new KafkaStreams(topology, props);
        return streams;
    }

    /** The client created, or null before the runner started. */
    public KafkaStreams streams() {
        return streams;
    }
}
