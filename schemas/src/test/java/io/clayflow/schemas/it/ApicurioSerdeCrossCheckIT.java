package io.clayflow.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Our serde against an independent implementation of the same wire format: Apicurio's Kafka serde in its
 * Confluent-compatible mode (magic byte, 4-byte content id, no headers).
 */
@ClayflowIntegrationTest
class ApicurioSerdeCrossCheckIT {

    @Test
    void apicuriosDeserializerReadsWhatOurSerializerWrote(SchemaRegistryServer registry) {
        String topic = "crosscheck.ours-to-apicurio";
        Lead lead = TestLeads.ada();
        byte[] bytes;
        try (KafkaAvroSerializer ours = new KafkaAvroSerializer()) {
            ours.configure(TestLeads.serdeConfig(registry.url(), Map.of()), false);
            bytes = ours.serialize(topic, lead);
        }

        Object read;
        try (AvroKafkaDeserializer<Object> theirs = new AvroKafkaDeserializer<>()) {
            Map<String, Object> config = apicurioConfig(registry);
            config.put("apicurio.registry.use-specific-avro-reader", true);
            theirs.configure(config, false);
            read = theirs.deserialize(topic, bytes);
        }

        assertThat(read).isInstanceOf(Lead.class).isEqualTo(lead);
    }

    @Test
    void ourDeserializerReadsWhatApicuriosSerializerWrote(SchemaRegistryServer registry) {
        String topic = "crosscheck.apicurio-to-ours";
        Lead lead = TestLeads.ada();
        byte[] bytes;
        try (AvroKafkaSerializer<Lead> theirs = new AvroKafkaSerializer<>()) {
            Map<String, Object> config = apicurioConfig(registry);
            config.put("apicurio.registry.auto-register", true);
            theirs.configure(config, false);
            bytes = theirs.serialize(topic, lead);
        }
        assertThat(bytes[0]).as("Confluent magic byte").isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();

        Lead specific;
        GenericRecord generic;
        try (KafkaAvroDeserializer ours = new KafkaAvroDeserializer()) {
            ours.configure(TestLeads.serdeConfig(registry.url(), Map.of("specific.avro.reader", true)), false);
            specific = (Lead) ours.deserialize(topic, bytes);
        }
        try (KafkaAvroDeserializer ours = new KafkaAvroDeserializer()) {
            ours.configure(TestLeads.serdeConfig(registry.url(), Map.of()), false);
            generic = (GenericRecord) ours.deserialize(topic, bytes);
        }

        assertThat(id).isPositive();
        assertThat(specific).isEqualTo(lead);
        assertThat(generic.get("email")).hasToString("ada@acme.com");
        assertThat(generic.get("occurred_at")).isEqualTo(lead.getOccurredAt().toEpochMilli());
    }

    private static Map<String, Object> apicurioConfig(SchemaRegistryServer registry) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registry.apicurioV2Url());
        config.put("apicurio.registry.as-confluent", true);
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.headers.enabled", false);
        return config;
    }
}
