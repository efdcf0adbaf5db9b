package io.clayflow.connect.warehouse;

import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.TransientFailure;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.ClayflowSinkTask;
import io.clayflow.connect.sink.DecodedPut;
import io.clayflow.connect.sink.RefusedRecord;
import io.clayflow.connect.sink.SinkMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts each put's records into the warehouse table in one transaction; offsets commit only after the database
 * committed. A transient database error is retried with backoff behind a circuit breaker; when it persists, the task
 * pauses and the put is written again later ({@link ClayflowSinkTask}), so nothing is skipped. Records that do not
 * decode or that the database refuses go to the dead-letter topic with their reason, once the rest of the put has
 * landed. An embedded DuckDB file is held only while a put is written, so that other processes can read it between.
 */
public class WarehouseSinkTask extends ClayflowSinkTask<GenericRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);

    private RowMapper mapper;
    private DatabaseConnection database;
    private UpsertWriter writer;
    private ResilientCall resilience;
    private Sensor upserted;
    private Sensor columnsAdded;
    private boolean releaseBetweenPuts;

    public WarehouseSinkTask() {
        super("Warehouse", GenericRecord.class, "rows-dead-lettered",
                "Records that did not decode or that the database refused, sent to the dead-letter topic");
    }

    @Override
    protected Started startSink(Map<String, String> props, SinkMetrics metrics) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        Dialect dialect = config.dialect();
        if (config.getString(WarehouseSinkConfig.JDBC_URL).isBlank()) {
            createParentFolder(config.duckDbPath());
        }
        mapper = new RowMapper(WarehouseSinkConfig.KEY_FIELD, dialect);
        database = new DatabaseConnection(dialect, config.jdbcUrl(), config.user(), config.password());
        writer = new UpsertWriter(database, config.table(), WarehouseSinkConfig.KEY_FIELD);
        resilience = ResilientCall.create(dialect.name() + " warehouse", config.resilience());
        upserted = metrics.counter("rows-upserted", "Rows inserted or updated in the warehouse table");
        columnsAdded = metrics.counter("columns-added", "Columns added for new fields of the records' schema");
        releaseBetweenPuts = !dialect.allowsConcurrentWriters();
        return new Started(resilience, dialect.name() + " table " + config.table() + ", upsert by "
                + WarehouseSinkConfig.KEY_FIELD);
    }

    @Override
    protected void deliver(DecodedPut<GenericRecord> put) {
        DecodedPut.Mapped<WarehouseRow> rows = put.map(mapper::map);
        List<RefusedRecord> refused = new ArrayList<>(rows.refused());
        // The whole put is one transaction, so a put that cannot be written is read again whole.
        deliverInTurn(List.of(rows.values()), batch -> put.records(), batch -> {
            try {
                UpsertWriter.Outcome outcome = write(batch);
                upserted.record(outcome.upserted());
                if (!outcome.columnsAdded().isEmpty()) {
                    columnsAdded.record(outcome.columnsAdded().size());
                }
                refused.addAll(outcome.refused());
            } finally {
                release();
            }
        });
        // Reported only now, after the commit: a put that pauses and comes again must not dead-letter twice.
        deadLetterUnlessReadAgain(refused);
    }

    /** Writes under retry and circuit breaker. */
    private UpsertWriter.Outcome write(List<WarehouseRow> rows) throws UnavailableException {
        return resilience.execute(1, () -> {
            try {
                return writer.write(rows);
            } catch (SQLException e) {
                // A batch's own message only says "batch entry N aborted"; the next exception says why.
                String why = (e.getNextException() != null ? e.getNextException() : e).getMessage();
                LOG.info("Transient warehouse error, retrying: {}", why);
                throw new TransientFailure(why, -1, Optional.empty(), e);
            }
        });
    }

    /**
     * A DuckDB file takes one process at a time, a reader included: it is let go between puts (after the put's
     * metrics, so that a reader never sees rows the metrics do not count yet).
     */
    private void release() {
        if (releaseBetweenPuts) {
            database.close();
        }
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
    protected void stopSink() {
        if (database != null) {
            database.close();
        }
    }
}
