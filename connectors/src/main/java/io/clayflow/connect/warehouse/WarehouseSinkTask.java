package io.clayflow.connect.warehouse;

import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts each put's records into the warehouse table in one transaction, committing offsets only after the
 * database committed. Records that cannot be decoded or that the database refuses go to the dead-letter topic with
 * their reason, once the rest of the put has landed.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);

    private WarehouseSinkConfig config;
    private RecordDecoder decoder;
    private RowMapper mapper;
    private DatabaseConnection database;
    private UpsertWriter writer;
    private ErrantRecordReporter reporter;

    @Override
    public String version() {
        return WarehouseSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new WarehouseSinkConfig(props);
        Dialect dialect = config.dialect();
        if (config.getString(WarehouseSinkConfig.JDBC_URL).isBlank()) {
            createParentFolder(config.duckDbPath());
        }
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config.serdeProps(), false);
        decoder = new RecordDecoder(deserializer);
        mapper = new RowMapper(WarehouseSinkConfig.KEY_FIELD, dialect);
        database = new DatabaseConnection(dialect, config.jdbcUrl(), config.user(), config.password());
        writer = new UpsertWriter(dialect, database,
                new WarehouseTable(dialect, config.table(), WarehouseSinkConfig.KEY_FIELD), config.table(),
                WarehouseSinkConfig.KEY_FIELD);
        reporter = context.errantRecordReporter();
        LOG.info("Warehouse sink started: {} table {}, upsert by {}", dialect.name(), config.table(),
                WarehouseSinkConfig.KEY_FIELD);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<WarehouseRow> rows = new ArrayList<>();
        List<DeadLetter> refused = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue; // a tombstone: the warehouse keeps its row
            }
            try {
                rows.add(mapper.map(record, decoder.decode(record)));
            } catch (DataException e) {
                refused.add(new DeadLetter(record, e));
            }
        }
        UpsertWriter.Outcome outcome;
        try {
            outcome = writer.write(rows);
        } catch (SQLException e) {
            throw new RetriableException("The warehouse is unavailable: " + e.getMessage(), e);
        }
        refused.addAll(outcome.refused());
        // Reported only now: a put that is redelivered after a failure must not dead-letter twice.
        refused.forEach(this::deadLetter);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return currentOffsets;
    }

    private void deadLetter(DeadLetter letter) {
        SinkRecord record = letter.record();
        if (reporter == null) {
            throw new ConnectException("Cannot dead-letter a record (set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name=leads.dlq): " + letter.reason().getMessage(), letter.reason());
        }
        LOG.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                letter.reason().getMessage());
        reporter.report(record, letter.reason());
    }

    private static void createParentFolder(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new ConnectException("Cannot create the folder of the DuckDB warehouse file "
                    + WarehouseSinkConfig.DUCKDB_PATH + "=" + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (decoder != null) {
            decoder.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
