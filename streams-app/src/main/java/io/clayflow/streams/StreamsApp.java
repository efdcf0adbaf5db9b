package io.clayflow.streams;

import org.apache.kafka.streams.Topology;

/**
 * One clayflow Kafka Streams app as {@link StreamsAppRunner} runs it: its configuration, its topology, and the
 * resources the topology uses (serdes), which the app owns and closes.
 */
public interface StreamsApp extends AutoCloseable {

    /** The validated configuration the runner starts Streams and the management port with. */
    StreamsAppConfig config();

    /** Builds the topology (the app's {@code buildTopology(config, ...)}), creating the serdes it needs. */
    Topology buildTopology();

    /** Anything to do once the topology is built and before Streams starts (e.g. warming up a serializer). */
    default void beforeStart() {
    }

    /** Closes what {@link #buildTopology()} created; called after Kafka Streams has closed. */
    @Override
    void close();
}
