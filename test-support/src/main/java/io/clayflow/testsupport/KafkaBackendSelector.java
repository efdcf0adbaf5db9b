package io.clayflow.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Decides which {@link KafkaBackend} the suite's broker runs on and starts it. */
final class KafkaBackendSelector {

    static final String MODE_PROPERTY = "clayflow.kafka";
    static final String MODE_ENV = "CLAYFLOW_KAFKA";
    static final String IMAGE_PROPERTY = "clayflow.kafka.image";
    static final String IMAGE_ENV = "CLAYFLOW_KAFKA_IMAGE";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBackendSelector.class);

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final BooleanSupplier dockerAvailable;

    KafkaBackendSelector(Function<String, String> systemProperties, Function<String, String> environment,
            BooleanSupplier dockerAvailable) {
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.dockerAvailable = Objects.requireNonNull(dockerAvailable, "dockerAvailable");
    }

    /** A selector reading this JVM's system properties and environment and asking Testcontainers about Docker. */
    static KafkaBackendSelector fromEnvironment() {
        return new KafkaBackendSelector(System::getProperty, System::getenv,
                () -> DockerClientFactory.instance().isDockerAvailable());
    }

    /**
     * The back-end asked for (system property first, then environment; in the JVM by default), except that
     * Testcontainers without Docker falls back to the JVM with a warning rather than failing every test.
     */
    KafkaBackend select() {
        KafkaBackend requested = requested();
        // Docker is probed only when asked for: the probe takes about a second and logs its own errors.
        if (requested == KafkaBackend.TESTCONTAINERS && !dockerAvailable.getAsBoolean()) {
            LOG.warn("{}={} asks for a Testcontainers Kafka broker, but Docker is unavailable: "
                    + "falling back to the in-JVM KRaft broker", MODE_PROPERTY, requested.configName());
            return KafkaBackend.IN_JVM;
        }
        return requested;
    }

    /** Starts a broker on the {@link #select() selected} back-end. */
    KafkaBroker start() {
        switch (select()) {
            case TESTCONTAINERS:
                return ContainerKafkaBroker.start(image());
            case IN_JVM:
            default:
                return InJvmKafkaBroker.start();
        }
    }

    /** The broker image: {@code clayflow.kafka.image} / {@code CLAYFLOW_KAFKA_IMAGE}, else the clients' version. */
    String image() {
        String configured = lookup(IMAGE_PROPERTY, IMAGE_ENV);
        return configured != null ? configured : "apache/kafka:" + AppInfoParser.getVersion();
    }

    private KafkaBackend requested() {
        String value = lookup(MODE_PROPERTY, MODE_ENV);
        if (value == null) {
            return KafkaBackend.IN_JVM;
        }
        String normalized = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(KafkaBackend.values())
                .filter(backend -> backend.configName().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(MODE_PROPERTY + " / " + MODE_ENV + " is '" + value
                        + "', which is not a Kafka back-end: use one of " + Arrays.stream(KafkaBackend.values())
                                .map(KafkaBackend::configName).collect(Collectors.joining(", "))));
    }

    private String lookup(String property, String env) {
        String value = systemProperties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
