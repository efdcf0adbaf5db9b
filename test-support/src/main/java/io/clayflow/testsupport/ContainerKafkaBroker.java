package io.clayflow.testsupport;

import io.clayflow.localservers.BrokerDefaults;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A single-node Kafka broker in a Docker container, run by Testcontainers. */
public final class ContainerKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafkaBroker.class);

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** Starts a broker from {@code image} (an {@code apache/kafka} image) with the same settings as the in-JVM one. */
    public static ContainerKafkaBroker start(String image) {
        Objects.requireNonNull(image, "image");
        KafkaContainer container = new KafkaContainer(image).withEnv(BrokerDefaults.asContainerEnvironment());
        container.start();
        ContainerKafkaBroker broker = new ContainerKafkaBroker(container);
        LOG.info("Started a Kafka broker container ({}) at {}", image, broker.bootstrapServers());
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Kafka container " + container.getDockerImageName() + " at " + bootstrapServers();
    }
}
