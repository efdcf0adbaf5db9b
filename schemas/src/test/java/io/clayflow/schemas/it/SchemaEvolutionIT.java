package io.clayflow.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.registry.CompatibilityLevel;
import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

@ClayflowIntegrationTest
class SchemaEvolutionIT {

    /** Lead as an early producer knew it: no phone, no attributes. */
    private static final Schema LEAD_V0 = new Schema.Parser().parse("""
            {"type":"record","name":"Lead","namespace":"io.clayflow.schemas","fields":[
              {"name":"lead_id","type":["null","string"],"default":null},
              {"name":"email","type":["null","string"],"default":null},
              {"name":"first_name","type":["null","string"],"default":null},
              {"name":"last_name","type":["null","string"],"default":null},
              {"name":"company_name","type":["null","string"],"default":null},
              {"name":"company_domain","type":["null","string"],"default":null},
              {"name":"title","type":["null","string"],"default":null},
              {"name":"linkedin_url","type":["null","string"],"default":null},
              {"name":"source","type":"string"},
              {"name":"source_id","type":["null","string"],"default":null},
              {"name":"occurred_at","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");

    private static final Schema THING_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"io.clayflow.it","fields":[
              {"name":"id","type":"string"}]}""");
    private static final Schema THING_V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"io.clayflow.it","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"tier","type":"string","default":"free"}]}""");
    private static final Schema THING_V3_BREAKING = new Schema.Parser().parse("""
            {"type":"record","name":"Thing","namespace":"io.clayflow.it","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"tier","type":"string","default":"free"},
              {"name":"seats","type":"int"}]}""");

    @Test
    void oldLeadBytesAreReadIntoTheCurrentGeneratedClass(SchemaRegistryServer registry) {
        String topic = "evolution.leads";
        GenericRecord old = new GenericData.Record(LEAD_V0);
        old.put("lead_id", "lead-1");
        old.put("email", "grace@navy.mil");
        old.put("source", "legacy-crm");
        old.put("occurred_at", 1_700_000_000_000L);
        byte[] v0Bytes;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(TestLeads.serdeConfig(registry.url(), Map.of()), false);
            v0Bytes = serializer.serialize(topic, old);
        }

        Lead lead;
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(TestLeads.serdeConfig(registry.url(), Map.of("specific.avro.reader", true)), false);
            lead = (Lead) deserializer.deserialize(topic, v0Bytes);
        }

        assertThat(lead.getEmail()).isEqualTo("grace@navy.mil");
        assertThat(lead.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(lead.getPhone()).as("field added after v0").isNull();
        assertThat(lead.getAttributes()).as("field added after v0, default {}").isEmpty();
    }

    @Test
    void v1BytesAreReadWithTheSubjectsNewerV2Schema(SchemaRegistryServer registry) {
        String topic = "evolution.things";
        SchemaRegistryClient client = SchemaRegistryClient.create(TestLeads.serdeConfig(registry.url(), Map.of()));
        GenericRecord v1 = new GenericData.Record(THING_V1);
        v1.put("id", "t-1");
        byte[] v1Bytes;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(client)) {
            serializer.configure(TestLeads.serdeConfig(registry.url(), Map.of()), false);
            v1Bytes = serializer.serialize(topic, v1);
        }
        int v2Id = client.register(topic + "-value", THING_V2);

        GenericRecord read;
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(TestLeads.serdeConfig(registry.url(), Map.of("use.latest.version", true)), false);
            read = (GenericRecord) deserializer.deserialize(topic, v1Bytes);
        }

        assertThat(client.latest(topic + "-value").id()).isEqualTo(v2Id);
        assertThat(read.getSchema()).isEqualTo(THING_V2);
        assertThat(read.get("id")).hasToString("t-1");
        assertThat(read.get("note")).isNull();
        assertThat(read.get("tier")).hasToString("free");
    }

    @Test
    void theRegistryRejectsAnIncompatibleV2WithAClearError(SchemaRegistryServer registry) {
        String subject = "evolution.breaking-value";
        SchemaRegistryClient client = SchemaRegistryClient.create(TestLeads.serdeConfig(registry.url(), Map.of()));
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        client.register(subject, THING_V1);
        client.register(subject, THING_V2);

        assertThat(client.testCompatibility(subject, THING_V3_BREAKING).compatible()).isFalse();
        assertThatThrownBy(() -> client.register(subject, THING_V3_BREAKING))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).containsIgnoringCase("incompatible").contains(subject).contains("seats");
                });
        assertThat(client.versions(subject)).hasSize(2);
    }

    @Test
    void aProducerWithAnIncompatibleSchemaFailsLoudlyNamingTheSubject(SchemaRegistryServer registry) {
        String topic = "evolution.producer";
        SchemaRegistryClient.create(TestLeads.serdeConfig(registry.url(), Map.of())).register(topic + "-value", THING_V2);
        GenericRecord breaking = new GenericData.Record(THING_V3_BREAKING);
        breaking.put("id", "t-9");
        breaking.put("tier", "pro");
        breaking.put("seats", 5);

        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(TestLeads.serdeConfig(registry.url(), Map.of()), false);
            assertThatThrownBy(() -> serializer.serialize(topic, breaking))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("subject " + topic + "-value")
                    .hasMessageContaining("409");
        }
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused(SchemaRegistryServer registry) {
        GenericRecord thing = new GenericData.Record(THING_V1);
        thing.put("id", "t-2");

        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(TestLeads.serdeConfig(registry.url(), Map.of("auto.register.schemas", false)), false);
            assertThatThrownBy(() -> serializer.serialize("evolution.unregistered", thing))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("evolution.unregistered-value")
                    .hasMessageContaining("404");
        }
    }
}
