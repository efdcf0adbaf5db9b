package io.clayflow.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WarehouseSinkConfigTest {

    @Test
    void defaultsToAnEmbeddedDuckDbFileAndTheEnrichedLeadsTable() {
        WarehouseSinkConfig config = new WarehouseSinkConfig(minimal());

        assertThat(config.jdbcUrl()).startsWith("jdbc:duckdb:/").endsWith("clayflow-warehouse.duckdb");
        assertThat(config.dialect()).isInstanceOf(DuckDbDialect.class);
        assertThat(config.table()).isEqualTo("enriched_leads");
    }

    @Test
    void aPostgresUrlChoosesPostgres() {
        Map<String, String> props = minimal();
        props.put("warehouse.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test");

        assertThat(new WarehouseSinkConfig(props).dialect()).isInstanceOf(PostgresDialect.class);
    }

    @Test
    void refusesAnUnsupportedUrlNamingTheKeyButNotTheUrl() {
        Map<String, String> props = minimal();
        props.put("warehouse.jdbc.url", "jdbc:mysql://db/x?password=s3cret");

        assertThatThrownBy(() -> new WarehouseSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.jdbc.url").hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesATableNameThatIsNotAnIdentifier() {
        Map<String, String> props = minimal();
        props.put("warehouse.table", "leads; DROP TABLE x");

        assertThatThrownBy(() -> new WarehouseSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.table");
    }

    @Test
    void neverPrintsThePassword() {
        Map<String, String> props = minimal();
        props.put("warehouse.jdbc.password", "pw-s3cret");

        WarehouseSinkConfig config = new WarehouseSinkConfig(props);

        assertThat(config.password()).isEqualTo("pw-s3cret");
        assertThat(config.values().toString()).doesNotContain("pw-s3cret");
    }

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("schema.registry.url", "http://127.0.0.1:8081");
        return props;
    }
}
