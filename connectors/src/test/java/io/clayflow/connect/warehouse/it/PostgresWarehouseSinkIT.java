package io.clayflow.connect.warehouse.it;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

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

    @Override
    protected Connection openForReading(String run) throws SQLException {
        return postgres.connect();
    }

    @Override
    protected String epochMillis(String column) {
        return "CAST(extract(epoch FROM " + column + ") * 1000 AS bigint)";
    }
}
