package io.clayflow.connect.warehouse.it;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;

/**
 * The warehouse sink's behaviour with its default, an embedded DuckDB file (one per test, in a temporary folder),
 * which also shows that DuckDB's native library loads inside the worker's plugin classloader.
 */
@ClayflowIntegrationTest
class DuckDbWarehouseSinkIT extends AbstractWarehouseSinkIT {

    private static Path folder;

    DuckDbWarehouseSinkIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        super(kafka, registry);
    }

    @BeforeAll
    static void folder() throws IOException {
        folder = Files.createTempDirectory("warehouse-it");
    }

    /** No JDBC URL: the sink's default, a DuckDB file at warehouse.duckdb.path (in a folder it creates). */
    @Override
    protected Map<String, String> warehouseConfig(String run, String table) {
        return Map.of("warehouse.duckdb.path", file(run).toString());
    }

    /**
     * Read-only, in this JVM: the test's DuckDB (its own copy of the native library, from the test classpath) sees
     * the sink's committed transactions without taking the writer's place.
     */
    @Override
    protected Connection openForReading(String run) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + file(run), readOnly);
    }

    @Override
    protected String epochMillis(String column) {
        return "epoch_ms(" + column + ")";
    }

    private static Path file(String run) {
        return folder.resolve(run).resolve("warehouse.duckdb");
    }
}
