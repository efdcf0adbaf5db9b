package io.clayflow.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.EnrichedLead;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroColumnsTest {

    static Stream<Arguments> avroTypes() {
        return Stream.of(
                Arguments.of("string", "\"string\"", ColumnKind.TEXT),
                Arguments.of("optional string", "[\"null\", \"string\"]", ColumnKind.TEXT),
                Arguments.of("optional string, null second", "[\"string\", \"null\"]", ColumnKind.TEXT),
                Arguments.of("enum", "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\"]}", ColumnKind.TEXT),
                Arguments.of("uuid", "{\"type\": \"string\", \"logicalType\": \"uuid\"}", ColumnKind.TEXT),
                Arguments.of("int", "\"int\"", ColumnKind.INTEGER),
                Arguments.of("optional int", "[\"null\", \"int\"]", ColumnKind.INTEGER),
                Arguments.of("long", "\"long\"", ColumnKind.BIGINT),
                Arguments.of("float", "\"float\"", ColumnKind.REAL),
                Arguments.of("double", "\"double\"", ColumnKind.DOUBLE),
                Arguments.of("boolean", "\"boolean\"", ColumnKind.BOOLEAN),
                Arguments.of("bytes", "\"bytes\"", ColumnKind.BYTES),
                Arguments.of("fixed", "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 4}", ColumnKind.BYTES),
                Arguments.of("timestamp-millis", "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
                        ColumnKind.TIMESTAMP_TZ),
                Arguments.of("timestamp-micros", "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
                        ColumnKind.TIMESTAMP_TZ),
                Arguments.of("local-timestamp-millis",
                        "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}", ColumnKind.TIMESTAMP),
                Arguments.of("date", "{\"type\": \"int\", \"logicalType\": \"date\"}", ColumnKind.DATE),
                Arguments.of("time-millis", "{\"type\": \"int\", \"logicalType\": \"time-millis\"}", ColumnKind.TIME),
                Arguments.of("time-micros", "{\"type\": \"long\", \"logicalType\": \"time-micros\"}", ColumnKind.TIME),
                Arguments.of("map", "{\"type\": \"map\", \"values\": \"string\"}", ColumnKind.JSON),
                Arguments.of("array", "{\"type\": \"array\", \"items\": \"int\"}", ColumnKind.JSON),
                Arguments.of("record", "{\"type\": \"record\", \"name\": \"R\", \"fields\": []}", ColumnKind.JSON),
                Arguments.of("union of two types", "[\"null\", \"string\", \"int\"]", ColumnKind.JSON));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("avroTypes")
    void eachAvroTypeHasAColumnKind(String description, String avroType, ColumnKind expected) {
        assertThat(AvroColumns.column("f", new Schema.Parser().parse(avroType)).kind()).isEqualTo(expected);
    }

    @Test
    void decimalKeepsItsPrecisionAndScale() {
        Schema decimal = new Schema.Parser().parse(
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 2}");

        assertThat(AvroColumns.column("amount", decimal)).isEqualTo(new Column("amount", ColumnKind.DECIMAL, 12, 2));
    }

    @Test
    void enrichedLeadGivesOneColumnPerFieldInFieldOrder() {
        Schema schema = EnrichedLead.getClassSchema();

        assertThat(AvroColumns.of(schema)).extracting(Column::name)
                .containsExactlyElementsOf(schema.getFields().stream().map(Schema.Field::name).toList());
        assertThat(AvroColumns.of(schema)).contains(
                Column.of("lead_id", ColumnKind.TEXT),
                Column.of("occurred_at", ColumnKind.TIMESTAMP_TZ),
                Column.of("enriched_at", ColumnKind.TIMESTAMP_TZ),
                Column.of("icp_score", ColumnKind.INTEGER),
                Column.of("attributes", ColumnKind.JSON),
                Column.of("enrichment", ColumnKind.JSON));
    }

    @Test
    void refusesASchemaThatIsNotARecord() {
        assertThatThrownBy(() -> AvroColumns.of(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(DataException.class).hasMessageContaining("record");
    }
}
