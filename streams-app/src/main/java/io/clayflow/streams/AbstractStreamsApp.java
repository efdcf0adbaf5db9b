package io.clayflow.streams;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * A Streams app whose topology needs one serde configured from its settings (the Avro serde and its registry
 * client): created when the topology is built, closed after Kafka Streams.
 *
 * @param <C> the app's configuration
 * @param <S> the serde its topology reads and writes leads with
 */
public abstract class AbstractStreamsApp<C extends StreamsAppConfig, S extends Serde<?>> implements StreamsApp {

    private final C config;
    private S serde;

    protected AbstractStreamsApp(C config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A new, unconfigured serde. */
    protected abstract S newSerde();

    /** The app's {@code buildTopology(config, serde)}. */
    protected abstract Topology buildTopology(C config, S serde);

    @Override
    public C config() {
        return config;
    }

    @Override
    public final Topology buildTopology() {
        serde = newSerde();
        serde.configure(config.serdeConfigs(), false);
        return buildTopology(config, serde);
    }

    /** The serde {@link #buildTopology()} configured. */
    protected S serde() {
        return serde;
    }

    @Override
    public void close() {
        if (serde != null) {
            serde.close();
        }
    }
}
