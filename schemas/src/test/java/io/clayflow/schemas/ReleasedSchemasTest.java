package io.clayflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class ReleasedSchemasTest {

    @Test
    void shipsEveryReleasedVersionOfLeadInOrder() throws IOException {
        Schema v1 = new Schema.Parser().parse(new File("history/io.clayflow.schemas.Lead/v1.avsc"));

        assertThat(ReleasedSchemas.of(Lead.getClassSchema().getFullName())).first().isEqualTo(v1);
    }

    @Test
    void shipsEnrichedLeadToo() {
        assertThat(ReleasedSchemas.of(EnrichedLead.getClassSchema().getFullName())).isNotEmpty();
    }

    @Test
    void enrichedLeadV1DataReadsWithNoUnreadableFields() throws IOException {
        Schema v1 = ReleasedSchemas.of(EnrichedLead.getClassSchema().getFullName()).get(0);
        GenericRecord old = new GenericRecordBuilder(v1).set("lead_id", "lead-1").set("source", "test")
                .set("occurred_at", 1L).set("enriched_at", 2L).set("icp_score", 85).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();

        EnrichedLead read = new SpecificDatumReader<EnrichedLead>(v1, EnrichedLead.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(v1.getField("unreadable_fields")).isNull();
        assertThat(read.getIcpScore()).isEqualTo(85);
        assertThat(read.getUnreadableFields()).isEmpty();
    }

    @Test
    void knowsNothingOfAnUnreleasedRecord() {
        assertThat(ReleasedSchemas.of("io.clayflow.schemas.NoSuchRecord")).isEmpty();
    }
}
