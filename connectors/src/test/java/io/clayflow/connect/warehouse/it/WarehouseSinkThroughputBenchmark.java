package io.clayflow.connect.warehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the warehouse sink into the local PostgreSQL (or, with {@code -Dbenchmark.target=duckdb}, an embedded
 * DuckDB file): a backlog of enriched leads on a real broker, drained by the connector in a real Connect worker, timed
 * from the connector's start (and from its first row) until every lead is a row. Run only with -Pbenchmark (see
 * docs/benchmarks.md). Knobs: -Dbenchmark.rows (100000), -Dbenchmark.partitions (4), -Dbenchmark.tasks (2; DuckDB
 * always 1), -Dbenchmark.max.poll.records (2000).
 */
@ClayflowIntegrationTest
class WarehouseSinkThroughputBenchmark {

    private static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);
    private static final int PARTITIONS = Integer.getInteger("benchmark.partitions", 4);
    private static final int TASKS = Integer.getInteger("benchmark.tasks", 2);
    private static final int MAX_POLL_RECORDS = Integer.getInteger("benchmark.max.poll.records", 2_000);
    private static final boolean DUCKDB = "duckdb".equals(System.getProperty("benchmark.target", "postgres"));

    private static ConnectWorker worker;

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
    void drainsABacklogIntoTheWarehouse(KafkaBroker kafka, SchemaRegistryServer registry, Postgres postgres)
            throws Exception {
        String topic = "warehouse-benchmark.leads.route.warehouse";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, registry, topic);

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.warehouse.WarehouseSinkConnector");
        // Every clayflow sink reads committed records only (see ReadCommitted), and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("tasks.max", Integer.toString(DUCKDB ? 1 : TASKS));
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        Path duckDbFile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "benchmarks")), "duckdb-")
                .toAbsolutePath().resolve("warehouse.duckdb");
        if (DUCKDB) {
            config.put("warehouse.duckdb.path", duckDbFile.toString());
        } else {
            config.put("warehouse.jdbc.url", postgres.jdbcUrl());
            config.put("warehouse.jdbc.user", postgres.user());
            config.put("warehouse.jdbc.password", postgres.password());
        }
        config.put("warehouse.table", "enriched_leads");
        config.put("consumer.override.max.poll.records", Integer.toString(MAX_POLL_RECORDS));
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");

        long start = System.nanoTime();
        worker.putConnector("warehouse-benchmark", config);
        long[] firstRowAt = {-1};
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            long rows = DUCKDB ? count(duckDbFile) : count(postgres);
            if (rows > 0 && firstRowAt[0] < 0) {
                firstRowAt[0] = System.nanoTime();
            }
            return rows >= ROWS;
        });
        long end = System.nanoTime();

        double total = (end - start) / 1e9;
        double running = (end - firstRowAt[0]) / 1e9;
        String result = String.format("""
                Warehouse sink throughput into %s (%s)
                rows: %,d, partitions: %d, tasks: %d, max.poll.records: %d, cores: %d, Java %s
                connector start -> all rows: %.1f s = %,.0f rows/s
                first row -> all rows:       %.1f s = %,.0f rows/s
                """, DUCKDB ? "DuckDB" : "PostgreSQL", Instant.now(), ROWS, PARTITIONS, TASKS, MAX_POLL_RECORDS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), total, ROWS / total,
                running, ROWS / running);
        System.out.println(result);
        write(result);
        assertThat(DUCKDB ? count(duckDbFile) : count(postgres)).isEqualTo(ROWS);
    }

    private static void produce(KafkaBroker kafka, SchemaRegistryServer registry, String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < ROWS; i++) {
                EnrichedLead lead = EnrichedLead.newBuilder()
                        .setLeadId("bench-lead-" + i).setEmail("person" + i + "@acme" + (i % 97) + ".com")
                        .setFirstName("Person").setLastName("Number" + i).setCompanyName("Acme " + (i % 97))
                        .setCompanyDomain("acme" + (i % 97) + ".com").setTitle(i % 3 == 0 ? "VP Sales" : "Engineer")
                        .setLinkedinUrl("https://www.linkedin.com/in/person-" + i).setSource("benchmark")
                        .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i))
                        .setAttributes(Map.of("utm_source", "bench", "campaign", "c" + (i % 13)))
                        .setWorkEmail("p" + i + "@acme" + (i % 97) + ".com").setSeniority("manager")
                        .setCompanySize("51-200").setIndustry("Software").setCountry("DE").setIcpScore(i % 101)
                        .setEnrichment(Map.of("tech_stack", "kafka,postgres", "funding", "series-b"))
                        .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z"))
                        .build();
                records.add(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, lead)));
            }
        }
        kafka.produceAll(records);
    }

    private static long count(Postgres postgres) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM enriched_leads")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Read-only, in this JVM (its own copy of DuckDB's native library): 0 until the sink created the file. */
    private static long count(Path duckDbFile) throws SQLException {
        if (!Files.exists(duckDbFile)) {
            return 0;
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + duckDbFile, readOnly);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM enriched_leads")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void write(String result) throws IOException {
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("warehouse-throughput-" + (DUCKDB ? "duckdb" : "postgres") + ".md"), result);
    }
}
