package io.clayflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import org.apache.avro.Schema;
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
    void knowsNothingOfAnUnreleasedRecord() {
        assertThat(ReleasedSchemas.of("io.clayflow.schemas.NoSuchRecord")).isEmpty();
    }
}
