package io.clayflow.connect.warehouse.it;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.CuttableTcpProxy;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.SchemaRegistryServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
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

    @Override
    protected Connection openForReading(String run) throws SQLException {
        return postgres.connect();
    }

    @Override
    protected String epochMillis(String column) {
        return "CAST(extract(epoch FROM " + column + ") * 1000 AS bigint)";
    }
}
