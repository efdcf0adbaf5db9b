package io.clayflow.schemas.registry;

/** Compatibility levels of the Confluent Schema Registry API. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
}
