package io.clayflow.connect.warehouse;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.TransientFailure;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.connect.sink.DeadLetters;
import io.clayflow.connect.sink.SinkPause;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts each put's records into the warehouse table in one transaction; offsets commit only after the database
 * committed. A transient database error is retried with backoff behind a circuit breaker; when it persists, the task
 * rewinds the put's records and pauses ({@link SinkPause}), so nothing is skipped. Records that do not decode or
 * that the database refuses go to the dead-letter topic with their reason, once the rest of the put has landed.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);

    private RecordDecoder decoder;
    private RowMapper mapper;
    private DatabaseConnection database;
    private UpsertWriter writer;
    private ResilientCall resilience;
    private SinkPause pause;
    private WarehouseSinkMetrics metrics;
    private DeadLetters deadLetters;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
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
        resilience = ResilientCall.create(dialect.name() + " warehouse", config.resilience());
        pause = new SinkPause(context, Clock.systemUTC());
        metrics = new WarehouseSinkMetrics(new SinkMetrics(context.pluginMetrics()), resilience::circuitStateCode);
        deadLetters = new DeadLetters(context.errantRecordReporter(), metrics::deadLettered);
        LOG.info("Warehouse sink started: {} table {}, upsert by {}", dialect.name(), config.table(),
                WarehouseSinkConfig.KEY_FIELD);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!pause.admit(records)) {
            return;
        }
        List<WarehouseRow> rows = new ArrayList<>();
        List<DeadLetter> refused = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue; // a tombstone: the warehouse keeps the row (no deletes from this topic)
            }
            try {
                rows.add(mapper.map(record, decoder.decode(record)));
            } catch (DataException e) {
                refused.add(new DeadLetter(record, e));
            } catch (RecordDecoder.RegistryUnavailableException e) {
                LOG.warn("{}; pausing, then the records are read again", e.getMessage());
                pause.pauseAndRedeliver(records, resilience.backoff(1));
                return;
            }
        }
        Optional<UpsertWriter.Outcome> outcome = write(records, rows);
        if (outcome.isEmpty()) {
            return;
        }
        metrics.upserted(outcome.get().upserted());
        metrics.columnsAdded(outcome.get().columnsAdded().size());
        refused.addAll(outcome.get().refused());
        // Reported only now, after the commit: a put that pauses and comes again must not dead-letter twice.
        refused.forEach(this::deadLetter);
    }

    /** Writes under retry and circuit breaker; empty when the database stayed unavailable and the task paused. */
    private Optional<UpsertWriter.Outcome> write(Collection<SinkRecord> records, List<WarehouseRow> rows) {
        try {
            return Optional.of(resilience.execute(1, () -> {
                try {
                    return writer.write(rows);
                } catch (SQLException e) {
                    // A batch's own message only says "batch entry N aborted"; the next exception says why.
                    String why = (e.getNextException() != null ? e.getNextException() : e).getMessage();
                    LOG.info("Transient warehouse error, retrying: {}", why);
                    throw new TransientFailure(why, -1, Optional.empty(), e);
                }
            }));
        } catch (UnavailableException e) {
            var wait = e.retryAfter().orElse(resilience.backoff(1));
            LOG.warn("{}; pausing {} ms, then the {} records are written again", e.getMessage(), wait.toMillis(),
                    records.size());
            pause.pauseAndRedeliver(records, wait);
            return Optional.empty();
        }
    }

    /** Offsets commit only up to the first record not yet written (see {@link SinkPause}). */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pause.safeOffsets(currentOffsets);
    }

    private void deadLetter(DeadLetter letter) {
        deadLetters.report(letter.record(), letter.reason());
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
