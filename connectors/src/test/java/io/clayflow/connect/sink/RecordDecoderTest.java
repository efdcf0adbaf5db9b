package io.clayflow.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final LoopbackRegistry registry = new LoopbackRegistry();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void decodesTheCompiledClassInTheOrderOfThePut() throws Exception {
        try (RecordDecoder<Lead> decoder = decoder(Lead.class)) {
            DecodedPut<Lead> put = decoder.decode(List.of(record(0, registry.encode(1, lead("a"))),
                    record(1, registry.encode(1, lead("b")))));

            assertThat(put.values()).extracting(value -> value.value().getLeadId()).containsExactly("a", "b");
            assertThat(put.values()).extracting(value -> value.record().kafkaOffset()).containsExactly(0L, 1L);
            assertThat(put.refused()).isEmpty();
        }
    }

    @Test
    void readsGenericRecordsWithTheWritersSchemaSoNewerFieldsArrive() throws Exception {
        Schema newer = SchemaBuilder.record("EnrichedLead").namespace("io.clayflow.schemas").fields()
                .requiredString("lead_id").optionalString("buying_intent").endRecord();
        GenericRecord value = new GenericData.Record(newer);
        value.put("lead_id", "a");
        value.put("buying_intent", "high");
        try (RecordDecoder<GenericRecord> decoder = decoder(GenericRecord.class)) {
            GenericRecord decoded = decoder.decode(List.of(record(0, registry.encode(7, value)))).values().get(0)
                    .value();

            assertThat(decoded.getSchema().getField("buying_intent")).isNotNull();
            assertThat(decoded.get("buying_intent")).hasToString("high");
        }
    }

    @Test
    void refusesWhatDoesNotDecodeAndGoesOnWithTheRest() throws Exception {
        try (RecordDecoder<Lead> decoder = decoder(Lead.class)) {
            DecodedPut<Lead> put = decoder.decode(List.of(record(0, "not avro".getBytes()),
                    record(1, registry.encode(1, lead("b"))), record(2, "a string, not bytes"),
                    record(3, registry.encode(2, enriched("c")))));

            assertThat(put.values()).extracting(value -> value.value().getLeadId()).containsExactly("b");
            assertThat(put.refused()).extracting(refused -> refused.record().kafkaOffset()).containsExactly(0L, 2L, 3L);
            assertThat(put.refused()).allSatisfy(refused -> assertThat(refused.reason()).isInstanceOf(
                    DataException.class));
            assertThat(put.refused().get(1).reason()).hasMessageContaining("ByteArrayConverter");
            assertThat(put.refused().get(2).reason()).hasMessageContaining("Not an Avro Lead")
                    .hasMessageContaining("io.clayflow.schemas.EnrichedLead").hasMessageNotContaining("c@");
            assertThat(put.records()).extracting(SinkRecord::kafkaOffset).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void tombstonesAreNeitherDeliveredNorRefused() throws Exception {
        try (RecordDecoder<Lead> decoder = decoder(Lead.class)) {
            DecodedPut<Lead> put = decoder.decode(List.of(record(0, null)));

            assertThat(put.values()).isEmpty();
            assertThat(put.refused()).isEmpty();
        }
    }

    @Test
    void aRegistryOutageRefusesNoRecordAndMakesThePutWait() {
        byte[] bytes = registry.encode(1, lead("a"));
        registry.down(true);
        try (RecordDecoder<Lead> decoder = decoder(Lead.class)) {
            assertThatThrownBy(() -> decoder.decode(List.of(record(0, "not avro".getBytes()), record(1, bytes))))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("Schema registry unavailable");
        }
    }

    private <T> RecordDecoder<T> decoder(Class<T> type) {
        return RecordDecoder.configured(Map.of("schema.registry.url", registry.url(), "max.retries", "0"), type);
    }

    private static SinkRecord record(long offset, Object value) {
        return new SinkRecord("leads.route.warehouse", 0, null, "key-" + offset, null, value, offset);
    }

    private static Lead lead(String id) {
        return Lead.newBuilder().setLeadId(id).setEmail(id + "@acme.com").setSource("test")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z")).build();
    }

    private static EnrichedLead enriched(String id) {
        return EnrichedLead.newBuilder().setLeadId(id).setEmail(id + "@acme.com").setSource("test")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z")).build();
    }
}
