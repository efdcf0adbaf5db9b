package io.clayflow.connect.warehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the warehouse sink behaves in a real Connect worker (loaded from the packaged plugin only), reading a real
 * broker and registry, writing a real database. One thin subclass per database says how to reach it.
 */
abstract class AbstractWarehouseSinkIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Duration LANDS_WITHIN = Duration.ofSeconds(90);
    private static ConnectWorker worker;

    protected final KafkaBroker kafka;
    protected final SchemaRegistryServer registry;

    AbstractWarehouseSinkIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** The connector settings that point the sink at this database, for a test's own table. */
    protected abstract Map<String, String> warehouseConfig(String run, String table);

    /** A connection that reads what the sink wrote (for the given test run); the caller closes it. */
    protected abstract Connection openForReading(String run) throws SQLException;

    @BeforeAll
    static void startWorker(KafkaBroker kafka) {
        worker = ConnectWorker.start(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromThePluginPathOnly() {
        assertThatThrownBy(() -> Class.forName("io.clayflow.connect.warehouse.WarehouseSinkConnector"))
                .as("the connector must not be on the test classpath").isInstanceOf(ClassNotFoundException.class);
        assertThat(worker.plugins().findValuesAsText("class"))
                .contains("io.clayflow.connect.warehouse.WarehouseSinkConnector");
    }

    @Test
    void nLeadsGiveNRowsWithTheirValues() throws SQLException {
        Run run = newRun();
        List<EnrichedLead> leads = leads(run, 0, 500, "Engineer");
        produce(run.topic, leads);

        startConnector(run);

        awaitRows(run, 500);
        EnrichedLead lead = leads.get(42);
        Map<String, String> row = row(run, lead.getLeadId());
        assertThat(row).containsEntry("email", lead.getEmail()).containsEntry("title", "Engineer")
                .containsEntry("icp_score", "42").containsEntry("source", "warehouse-it")
                .containsEntry("work_email", lead.getWorkEmail()).containsEntry("phone", null);
        assertThat(Instant.parse(row.get("occurred_at_utc"))).isEqualTo(lead.getOccurredAt());
        assertThat(row.get("attributes")).contains("\"campaign\"").contains("\"c42\"");
        assertThat(row.get("enrichment")).contains("\"tech_stack\"");
        assertThat(row.get("unreadable_fields")).isEqualTo("[]");
        assertThat(row(run, leads.get(43).getLeadId()).get("unreadable_fields")).isEqualTo("[\"industry\"]");
        assertThat(columns(run)).containsAll(EnrichedLead.getClassSchema().getFields().stream()
                .map(Schema.Field::name).toList());
    }

    @Test
    void redeliveredRecordsStillGiveNRowsWithTheLatestValues() throws SQLException {
        Run run = newRun();
        List<EnrichedLead> leads = leads(run, 0, 200, "Engineer");
        produce(run.topic, leads);
        startConnector(run);
        awaitRows(run, 200);

        // The same 200 records again (as after a crash before the offset commit), then newer values for 50.
        produce(run.topic, leads);
        List<EnrichedLead> newer = leads(run, 0, 50, "VP Sales");
        produce(run.topic, newer);

        await().atMost(LANDS_WITHIN).ignoreExceptions()
                .until(() -> count(run, "title = 'VP Sales'") == 50);
        assertThat(count(run, "1 = 1")).isEqualTo(200);
        assertThat(row(run, leads.get(10).getLeadId())).containsEntry("title", "VP Sales");
        assertThat(row(run, leads.get(150).getLeadId())).containsEntry("title", "Engineer");
    }

    @Test
    void aNewOptionalFieldGivesANewColumnWithTheOldRowsIntact() throws SQLException {
        Run run = newRun();
        List<EnrichedLead> old = leads(run, 0, 100, "Engineer");
        produce(run.topic, old);
        startConnector(run);
        awaitRows(run, 100);
        assertThat(columns(run)).doesNotContain("lead_owner");

        // A newer producer: EnrichedLead with one more optional field, registered (BACKWARD) as it produces.
        Schema evolved = withLeadOwner(EnrichedLead.getClassSchema());
        List<GenericRecord> newer = new ArrayList<>();
        for (EnrichedLead lead : leads(run, 100, 20, "Founder")) {
            newer.add(generic(lead, evolved).set("lead_owner", "owner-" + lead.getLeadId()).build());
        }
        produce(run.topic, newer.stream().map(r -> (Object) r).toList(), newer.stream()
                .map(r -> r.get("lead_id").toString()).toList());

        awaitRows(run, 120);
        assertThat(columns(run)).contains("lead_owner");
        assertThat(count(run, "lead_owner IS NOT NULL")).isEqualTo(20);
        assertThat(count(run, "lead_owner IS NULL AND title = 'Engineer'")).as("old rows intact").isEqualTo(100);
        String id = newer.get(3).get("lead_id").toString();
        assertThat(row(run, id)).containsEntry("lead_owner", "owner-" + id).containsEntry("title", "Founder");
    }

    @Test
    void aPoisonRecordGivesADeadLetterWithItsReasonAndTheRestLand() throws SQLException {
        Run run = newRun();
        String dlq = run.topic + ".dlq";
        kafka.createTopic(dlq, 1);
        List<EnrichedLead> leads = leads(run, 0, 30, "Engineer");
        // A timestamp Avro takes (a long) and the database refuses (the year 300,000).
        EnrichedLead refused = EnrichedLead.newBuilder(leads.get(11))
                .setOccurredAt(Instant.ofEpochMilli(9_400_000_000_000_000L)).build();
        leads.set(11, refused);
        produce(run.topic, leads);
        kafka.produce(run.topic, "not-avro", "this is not Avro".getBytes(StandardCharsets.UTF_8));

        startConnector(run);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(dlq, 2, LANDS_WITHIN);
        awaitRows(run, 29);
        assertThat(deadLetters).hasSize(2);
        Map<String, String> reasons = new HashMap<>();
        deadLetters.forEach(d -> reasons.put(new String(d.key(), StandardCharsets.UTF_8),
                header(d, "__connect.errors.exception.message")));
        assertThat(reasons.get(refused.getLeadId())).contains("refused the row").contains(refused.getLeadId());
        assertThat(reasons.get("not-avro")).contains("Not an Avro record");
        assertThat(deadLetters).allSatisfy(d -> assertThat(header(d, "__connect.errors.topic")).isEqualTo(run.topic));
        assertThat(count(run, "lead_id = '" + refused.getLeadId() + "'")).isZero();
        assertThat(count(run, "1 = 1")).isEqualTo(29);
    }

    // --- the test's own topic, table and connector

    protected record Run(String id, String topic, String table, String connector) {
    }

    protected Run newRun() {
        String id = getClass().getSimpleName().toLowerCase() + "-" + RUN.incrementAndGet();
        String topic = id + ".leads.route.warehouse";
        kafka.createTopic(topic, 3);
        return new Run(id, topic, "leads_" + RUN.get(), "warehouse-" + id);
    }

    protected void startConnector(Run run) {
        startConnector(run, warehouseConfig(run.id, run.table));
    }

    protected void startConnector(Run run, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.warehouse.WarehouseSinkConnector");
        // Every clayflow sink reads committed records only (see ReadCommitted), and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", run.topic);
        config.put("tasks.max", "2");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("warehouse.table", run.table);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", run.topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.putAll(overrides);
        worker.putConnector(run.connector, config);
        worker.awaitRunning(run.connector);
    }

    // --- producing

    protected List<EnrichedLead> leads(Run run, int from, int count, String title) {
        List<EnrichedLead> leads = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            leads.add(EnrichedLead.newBuilder()
                    .setLeadId(run.id + "-lead-" + i)
                    .setEmail("person" + i + "@acme" + (i % 7) + ".com")
                    .setFirstName("Person").setLastName("Number" + i)
                    .setCompanyDomain("acme" + (i % 7) + ".com")
                    .setTitle(title)
                    .setSource("warehouse-it")
                    .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i))
                    .setAttributes(Map.of("campaign", "c" + i))
                    .setWorkEmail("p" + i + "@acme" + (i % 7) + ".com")
                    .setSeniority("manager").setCountry("DE")
                    .setIcpScore(i % 101)
                    .setEnrichment(Map.of("tech_stack", "kafka,postgres"))
                    .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z"))
                    // As the gateway marks a Clay value it could not read (EnrichedLead v2's array field).
                    .setUnreadableFields(i % 10 == 3 ? List.of("industry") : List.of())
                    .build());
        }
        return leads;
    }

    /** Produces the leads, keyed by lead_id; returns their ids. */
    protected List<String> produce(String topic, List<EnrichedLead> leads) {
        List<String> ids = leads.stream().map(EnrichedLead::getLeadId).toList();
        produce(topic, leads.stream().map(l -> (Object) l).toList(), ids);
        return ids;
    }

    private void produce(String topic, List<Object> values, List<String> keys) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < values.size(); i++) {
                records.add(new ProducerRecord<>(topic, keys.get(i).getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, values.get(i))));
            }
        }
        kafka.produceAll(records);
    }

    private static Schema withLeadOwner(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("lead_owner", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
                "Owner of the lead in the CRM.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** The lead as a generic record of the given (newer) schema, times as epoch millis as Avro writes them. */
    private static GenericRecordBuilder generic(EnrichedLead lead, Schema schema) {
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        for (Schema.Field field : EnrichedLead.getClassSchema().getFields()) {
            Object value = lead.get(field.pos());
            builder.set(field.name(), value instanceof Instant instant ? instant.toEpochMilli() : value);
        }
        return builder;
    }

    // --- reading the table

    protected void awaitRows(Run run, long rows) {
        await("rows in " + run.table).atMost(LANDS_WITHIN).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> count(run, "1 = 1") >= rows);
    }

    protected long count(Run run, String where) throws SQLException {
        try (Connection connection = openForReading(run.id);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + run.table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A row as text by column name; occurred_at also as an ISO instant under occurred_at_utc. */
    private Map<String, String> row(Run run, String leadId) throws SQLException {
        try (Connection connection = openForReading(run.id);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT *, " + epochMillis("occurred_at") + " AS occurred_ms "
                        + "FROM " + run.table + " WHERE lead_id = '" + leadId + "'")) {
            assertThat(rs.next()).as("row " + leadId).isTrue();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
            }
            row.put("occurred_at_utc", Instant.ofEpochMilli(rs.getLong("occurred_ms")).toString());
            return row;
        }
    }

    /** SQL giving a timestamp column as epoch milliseconds, in this database's words. */
    protected abstract String epochMillis(String column);

    protected List<String> columns(Run run) throws SQLException {
        try (Connection connection = openForReading(run.id);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + run.table + " WHERE 1 = 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i));
            }
            return names;
        }
    }

    protected String taskState(Run run) {
        return worker.status(run.connector).path("tasks").path(0).path("state").asText();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
