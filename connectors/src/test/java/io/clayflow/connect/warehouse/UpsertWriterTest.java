package io.clayflow.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.ReleasedSchemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real embedded DuckDB file: table creation, upsert, new columns, refused rows. */
class UpsertWriterTest {

    private static final Schema V1 = EnrichedLead.getClassSchema();
    private static final Schema V2 = evolved();

    @TempDir
    Path folder;

    private final Dialect dialect = new DuckDbDialect();
    private DatabaseConnection database;
    private UpsertWriter writer;
    private RowMapper mapper;
    private long offset;

    @BeforeEach
    void open() {
        database = new DatabaseConnection(dialect, url(), "", "");
        writer = new UpsertWriter(database, "enriched_leads", "lead_id");
        mapper = new RowMapper("lead_id", dialect);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsTheTableAndUpsertsEachLeadOnceWithItsLatestValues() throws SQLException {
        writer.write(rows(V1, 0, 50, "Engineer"));
        UpsertWriter.Outcome again = writer.write(rows(V1, 0, 50, "VP Sales"));

        assertThat(again.upserted()).isEqualTo(50);
        assertThat(query("SELECT count(*), count(DISTINCT title), min(title) FROM enriched_leads"))
                .containsExactly("50", "1", "VP Sales");
        assertThat(query("SELECT attributes, icp_score, occurred_at FROM enriched_leads WHERE lead_id = 'lead-7'"))
                .containsExactly("{\"campaign\":\"c7\",\"utm\":\"x\"}", "7", "2026-11-27T10:00Z");
    }

    @Test
    void theLastRecordOfAKeyInOneBatchWins() throws SQLException {
        List<WarehouseRow> rows = new ArrayList<>(rows(V1, 0, 3, "first"));
        rows.addAll(rows(V1, 1, 1, "second"));

        UpsertWriter.Outcome outcome = writer.write(rows);

        assertThat(outcome.upserted()).isEqualTo(3);
        assertThat(query("SELECT title FROM enriched_leads WHERE lead_id = 'lead-1'")).containsExactly("second");
    }

    @Test
    void aNewOptionalFieldAddsAColumnAndOldRowsKeepNull() throws SQLException {
        writer.write(rows(V1, 0, 10, "Engineer"));

        UpsertWriter.Outcome outcome = writer.write(rows(V2, 10, 5, "Engineer"));

        assertThat(outcome.columnsAdded()).containsExactly(Column.of("lead_owner", ColumnKind.TEXT));
        assertThat(query("SELECT count(*), count(lead_owner) FROM enriched_leads")).containsExactly("15", "5");
        assertThat(query("SELECT lead_owner FROM enriched_leads WHERE lead_id = 'lead-12'")).containsExactly("owner-12");
    }

    @Test
    void oldAndNewSchemasInOneBatchBothLand() throws SQLException {
        List<WarehouseRow> rows = new ArrayList<>(rows(V1, 0, 3, "a"));
        rows.addAll(rows(V2, 3, 3, "b"));

        assertThat(writer.write(rows).upserted()).isEqualTo(6);
        assertThat(query("SELECT count(*), count(lead_owner) FROM enriched_leads")).containsExactly("6", "3");
    }

    @Test
    void unreadableFieldsOfEnrichedLeadV2LandAsAJsonColumnBesideRowsOfTheReleasedV1() throws SQLException {
        Schema released = ReleasedSchemas.of(V1.getFullName()).get(0);
        writer.write(rows(released, 0, 3, "v1"));
        List<WarehouseRow> rows = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            GenericRecord lead = record(V1, i, "v2");
            lead.put("icp_score", null);
            lead.put("enrichment", Map.of("ICP Score", "N/A"));
            lead.put("unreadable_fields", List.of("icp_score"));
            rows.add(mapper.map(sinkRecord(), lead));
        }
        rows.add(mapper.map(sinkRecord(), record(V1, 6, "v2")));

        UpsertWriter.Outcome outcome = writer.write(rows);

        assertThat(released.getField("unreadable_fields")).isNull();
        assertThat(outcome.upserted()).isEqualTo(4);
        // v2 holds other optional fields too (Clay's cost figures): each gets its column the same way.
        assertThat(outcome.columnsAdded()).contains(Column.of("unreadable_fields", ColumnKind.JSON));
        assertThat(query("SELECT count(*), count(unreadable_fields), count(icp_score) FROM enriched_leads"))
                .containsExactly("7", "4", "4");
        assertThat(query("SELECT unreadable_fields, enrichment, icp_score FROM enriched_leads WHERE lead_id = 'lead-4'"))
                .containsExactly("[\"icp_score\"]", "{\"ICP Score\":\"N/A\"}", null);
        assertThat(query("SELECT unreadable_fields FROM enriched_leads WHERE lead_id = 'lead-6'")).containsExactly("[]");
        assertThat(query("SELECT count(*) FROM enriched_leads WHERE list_contains(CAST(unreadable_fields AS VARCHAR[]), "
                + "'icp_score')")).containsExactly("3");
    }

    @Test
    void aRowTheDatabaseRefusesComesBackWithItsReasonAndTheRestLands() throws SQLException {
        List<WarehouseRow> rows = new ArrayList<>(rows(V1, 0, 9, "ok"));
        // An occurred_at in the year 300,000: a long Avro takes, a timestamp DuckDB refuses.
        GenericRecord poison = record(V1, 9, "ok");
        poison.put("occurred_at", 9_400_000_000_000_000L);
        rows.add(mapper.map(sinkRecord(), poison));

        UpsertWriter.Outcome outcome = writer.write(rows);

        assertThat(outcome.upserted()).isEqualTo(9);
        assertThat(outcome.refused()).hasSize(1);
        assertThat(outcome.refused().get(0).record()).isSameAs(rows.get(9).record());
        assertThat(outcome.refused().get(0).reason()).hasMessageContaining("lead-9").hasMessageContaining("DuckDB");
        assertThat(query("SELECT count(*) FROM enriched_leads")).containsExactly("9");
    }

    private String url() {
        return "jdbc:duckdb:" + folder.resolve("warehouse.duckdb");
    }

    private List<WarehouseRow> rows(Schema schema, int from, int count, String title) {
        List<WarehouseRow> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(mapper.map(sinkRecord(), record(schema, i, title)));
        }
        return rows;
    }

    private SinkRecord sinkRecord() {
        return new SinkRecord("leads.route.warehouse", 0, null, null, null, new byte[0], offset++);
    }

    private static GenericRecord record(Schema schema, int i, String title) {
        Map<String, String> attributes = new HashMap<>(Map.of("utm", "x", "campaign", "c" + i));
        GenericRecordBuilder builder = new GenericRecordBuilder(schema)
                .set("lead_id", "lead-" + i).set("email", "p" + i + "@acme.com").set("title", title)
                .set("source", "test").set("occurred_at", Instant.parse("2026-11-27T10:00:00Z").toEpochMilli())
                .set("attributes", attributes).set("icp_score", i).set("enrichment", Map.of())
                .set("enriched_at", Instant.parse("2026-11-27T10:05:00Z").toEpochMilli());
        if (schema.getField("lead_owner") != null) {
            builder.set("lead_owner", "owner-" + i);
        }
        return builder.build();
    }

    private static Schema evolved() {
        List<Schema.Field> fields = new ArrayList<>();
        V1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("lead_owner", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
                "Owner in the CRM.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(V1.getName(), V1.getDoc(), V1.getNamespace(), false, fields);
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = dialect.connect(url(), "", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }
}
