package io.clayflow.connect.warehouse.it;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.CuttableTcpProxy;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.SchemaRegistryServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.ReleasedSchemas;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warehouse sink's behaviour against the real PostgreSQL on this machine (a schema of this class's own). */
@ClayflowIntegrationTest
class PostgresWarehouseSinkIT extends AbstractWarehouseSinkIT {

    private final Postgres postgres;

    PostgresWarehouseSinkIT(KafkaBroker kafka, SchemaRegistryServer registry, Postgres postgres) {
        super(kafka, registry);
        this.postgres = postgres;
    }

    @Override
    protected Map<String, String> warehouseConfig(String run, String table) {
        return Map.of("warehouse.jdbc.url", postgres.jdbcUrl(), "warehouse.jdbc.user", postgres.user(),
                "warehouse.jdbc.password", postgres.password());
    }

    @Test
    void whilePostgresIsUnreachableTheSinkPausesAndLosesNothing() throws Exception {
        URI server = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
        try (CuttableTcpProxy proxy = CuttableTcpProxy.start(server.getPort())) {
            Run run = newRun();
            produce(run.topic(), leads(run, 0, 100, "Engineer"));
            Map<String, String> viaProxy = new HashMap<>(warehouseConfig(run.id(), run.table()));
            viaProxy.put("warehouse.jdbc.url", postgres.jdbcUrl().replace(":" + server.getPort() + "/",
                    ":" + proxy.port() + "/"));
            viaProxy.putAll(Map.of("retry.max.attempts", "2", "retry.backoff.initial.ms", "100",
                    "retry.backoff.max.ms", "200", "circuit.minimum.calls", "2", "circuit.open.wait.ms", "1000"));
            startConnector(run, viaProxy);
            awaitRows(run, 100);

            proxy.cut();
            List<String> later = produce(run.topic(), leads(run, 100, 100, "Engineer"));
            await("the task retries and pauses: running, not failed").during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10)).until(() -> taskState(run).equals("RUNNING"));
            assertThat(count(run, "1 = 1")).as("nothing written while the database is cut off").isEqualTo(100);

            proxy.restore();
            awaitRows(run, 200);
            assertThat(count(run, "lead_id IN ('" + String.join("', '", later) + "')")).isEqualTo(100);
            assertThat(count(run, "1 = 1")).isEqualTo(200);
        }
    }

    /**
     * The released schema history, as the pipeline upgrades: rows written with {@code EnrichedLead} v1 make the table,
     * then records of the current schema (v2's {@code enrichment_source}, a cache hit) add its column on their own;
     * the v1 rows keep NULL there (read: {@code clay}, the field's default).
     */
    @Test
    void theReleasedEnrichedLeadHistoryAddsEachNewFieldsColumnToATableMadeByV1() throws Exception {
        Run run = newRun();
        List<Schema> released = ReleasedSchemas.of(EnrichedLead.getClassSchema().getFullName());
        Schema v1 = released.get(0);
        List<EnrichedLead> old = leads(run, 0, 30, "Engineer");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (EnrichedLead lead : old) {
                GenericRecordBuilder v1Record = new GenericRecordBuilder(v1);
                for (Schema.Field field : v1.getFields()) {
                    Object value = lead.get(field.name());
                    v1Record.set(field.name(), value instanceof Instant instant ? instant.toEpochMilli() : value);
                }
                records.add(new ProducerRecord<>(run.topic(), lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(run.topic(), v1Record.build())));
            }
        }
        kafka.produceAll(records);
        startConnector(run);
        awaitRows(run, 30);
        assertThat(columns(run)).doesNotContain("enrichment_source");

        List<EnrichedLead> current = new ArrayList<>();
        for (EnrichedLead lead : leads(run, 30, 10, "Founder")) {
            current.add(EnrichedLead.newBuilder(lead).setEnrichmentSource(EnrichmentSources.CACHE).build());
        }
        produce(run.topic(), current);

        awaitRows(run, 40);
        assertThat(released).as("released versions").hasSizeGreaterThanOrEqualTo(2);
        for (Schema.Field field : EnrichedLead.getClassSchema().getFields()) {
            assertThat(columns(run)).as("a column for each current field").contains(field.name());
        }
        assertThat(count(run, "enrichment_source = 'cache'")).isEqualTo(10);
        assertThat(count(run, "enrichment_source IS NULL AND title = 'Engineer'")).as("v1 rows intact").isEqualTo(30);
    }

    @Override
    protected Connection openForReading(String run) throws SQLException {
        return postgres.connect();
    }

    @Override
    protected String epochMillis(String column) {
        return "CAST(extract(epoch FROM " + column + ") * 1000 AS bigint)";
    }
}
