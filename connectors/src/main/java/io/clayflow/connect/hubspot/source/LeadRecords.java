package io.clayflow.connect.hubspot.source;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a contact change into the source record of its lead: the value already in the Confluent wire format
 * (clayflow's serializer, registering {@code <topic>-value}), for a worker whose value converter is
 * {@code ByteArrayConverter} as every clayflow worker's is; the key the contact id; the offset the change's
 * {@link CursorPosition}.
 */
final class LeadRecords implements AutoCloseable {

    static final Map<String, String> PARTITION = Map.of("object", "contacts");

    private final String topic;
    private final LeadMapping mapping;
    private final KafkaAvroSerializer serializer;

    /** With a serializer configured from the connector's settings: the registry URL and any Confluent serde key. */
    LeadRecords(HubSpotSourceConfig config, Map<String, String> props) {
        this.topic = config.topic();
        this.mapping = config.leadMapping();
        this.serializer = new KafkaAvroSerializer();
        serializer.configure(new HashMap<>(props), false);
    }

    /** @throws org.apache.kafka.common.errors.SerializationException when the registry cannot be asked */
    SourceRecord of(CrmContact contact) {
        return of(contact, PARTITION, contact.position().toOffset());
    }

    /** The lead of a contact read for a webhook change: its offset is the position in the changes topic. */
    SourceRecord of(CrmContact contact, Map<String, ?> partition, Map<String, ?> offset) {
        Lead lead = mapping.toLead(contact);
        byte[] value = serializer.serialize(topic, lead);
        return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, Long.toString(contact.id()),
                Schema.BYTES_SCHEMA, value);
    }

    @Override
    public void close() {
        serializer.close();
    }
}
