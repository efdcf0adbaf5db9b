package io.clayflow.testsupport;

/** Where a {@link KafkaBroker} runs. */
enum KafkaBackend {
    /** {@link InJvmKafkaBroker}: needs nothing but the JVM. */
    IN_JVM("in-jvm"),
    /** {@link ContainerKafkaBroker}: needs Docker. */
    TESTCONTAINERS("testcontainers");

    private final String configName;

    KafkaBackend(String configName) {
        this.configName = configName;
    }

    /** The value of {@code clayflow.kafka} / {@code CLAYFLOW_KAFKA} that asks for this back-end. */
    String configName() {
        return configName;
    }
}
