package io.clayflow.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.TruncatedPayloadException;
import io.clayflow.schemas.serde.UnknownMagicByteException;
import io.clayflow.schemas.serde.UnknownSchemaIdException;
import java.util.Arrays;
import java.util.Map;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.SchemaRegistryServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bytes that are not what they claim fail with an exception that says exactly what is wrong. */
@ClayflowIntegrationTest
class BadBytesIT {

    private KafkaAvroDeserializer deserializer;
    private byte[] valid;

    @BeforeEach
    void setUp(SchemaRegistryServer registry) {
        Map<String, Object> config = TestLeads.serdeConfig(registry.url(), Map.of("max.retries", 0));
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(config, false);
            valid = serializer.serialize("bad-bytes", TestLeads.ada());
        }
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
    }

    @Test
    void theValidBytesDecode() {
        assertThat(deserializer.deserialize("bad-bytes", valid)).isNotNull();
    }

    @Test
    void aWrongMagicByteSaysSo() {
        byte[] json = "{\"email\":\"ada@acme.com\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("bad-bytes", json))
                .isInstanceOf(UnknownMagicByteException.class).hasMessageContaining("0x7b");
    }

    @Test
    void anUnknownSchemaIdSaysWhichId() {
        byte[] unknown = valid.clone();
        unknown[1] = 0x7f; // id 0x7f...: far beyond anything this registry gave out

        assertThatThrownBy(() -> deserializer.deserialize("bad-bytes", unknown))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class,
                        e -> assertThat(e.schemaId()).isGreaterThan(1_000_000))
                .hasMessageContaining("Unknown schema id");
    }

    @Test
    void aTruncatedBodySaysItIsTruncated() {
        byte[] truncated = Arrays.copyOf(valid, valid.length - 10);

        assertThatThrownBy(() -> deserializer.deserialize("bad-bytes", truncated))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("ends before the io.clayflow.schemas.Lead");
    }

    @Test
    void aTruncatedHeaderSaysItIsTruncated() {
        assertThatThrownBy(() -> deserializer.deserialize("bad-bytes", new byte[] {0, 0, 0}))
                .isInstanceOf(TruncatedPayloadException.class).hasMessageContaining("5-byte header");
    }
}
