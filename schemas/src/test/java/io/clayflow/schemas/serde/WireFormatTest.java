package io.clayflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        assertThat(WireFormat.schemaId("t", new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
    }

    @Test
    void refusesAWrongMagicByteSayingWhichByteItFound() {
        assertThatThrownBy(() -> WireFormat.schemaId("leads.raw", new byte[] {'{', '"', 'a', '"', ':'}))
                .isInstanceOfSatisfying(UnknownMagicByteException.class,
                        e -> assertThat(e.magicByte()).isEqualTo((byte) '{'))
                .hasMessageContaining("Unknown magic byte 0x7b").hasMessageContaining("leads.raw");
    }

    @Test
    void refusesBytesShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId("leads.raw", new byte[] {0, 0, 1}))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("3 bytes, fewer than the 5-byte header");
    }

    @Test
    void deserializerChecksTheHeaderBeforeAskingTheRegistry() {
        // The registry URL leads nowhere: a bad header must fail without any registry call.
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:9", "max.retries", 0), false);

        assertThatThrownBy(() -> deserializer.deserialize("leads.raw", new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(UnknownMagicByteException.class);
        assertThatThrownBy(() -> deserializer.deserialize("leads.raw", new byte[] {0}))
                .isInstanceOf(TruncatedPayloadException.class);
        assertThat(deserializer.deserialize("leads.raw", null)).isNull();
    }
}
