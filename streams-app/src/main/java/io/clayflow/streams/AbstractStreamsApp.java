package io.clayflow.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * A Streams app whose topology needs serdes configured from its settings (the Avro serde and its registry client):
 * created when the topology is built, closed after Kafka Streams (or when the topology is built again).
 *
 * @param <C> the app's configuration
 * @param <S> the serde its topology reads and writes leads with
 */
public abstract class AbstractStreamsApp<C extends StreamsAppConfig, S extends Serde<?>> implements StreamsApp {

    private final C config;
    private final List<Serde<?>> owned = new ArrayList<>();
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
        closeSerdes();
        serde = configured(newSerde());
        return buildTopology(config, serde);
    }

    /** The serde {@link #buildTopology()} configured. */
    protected S serde() {
        return serde;
    }

    /**
     * {@code serde} configured with the app's serde settings ({@link StreamsAppConfig#serdeConfigs()}), owned by the
     * app: closed with it. For a topology that needs more serdes than {@link #serde()}.
     */
    protected <T extends Serde<?>> T configured(T serde) {
        serde.configure(config.serdeConfigs(), false);
        owned.add(serde);
        return serde;
    }

    @Override
    public void close() {
        closeSerdes();
    }

    private void closeSerdes() {
        owned.forEach(Serde::close);
        owned.clear();
    }
}
