package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ManagementEndpointTest {

    private static final ConfigDef DEFINITION = ManagementEndpoint.define(new ConfigDef(), 9090, "Where.", "What.");

    @Test
    void definesBothKeysInTheManagementGroupWithTheAppsDefaultPortAndDocs() {
        ConfigKey host = DEFINITION.configKeys().get(SharedKeys.MANAGEMENT_HOST);
        ConfigKey port = DEFINITION.configKeys().get(SharedKeys.MANAGEMENT_PORT);

        assertThat(host.group).isEqualTo(port.group).isEqualTo(ManagementEndpoint.GROUP);
        assertThat(host.defaultValue).isEqualTo("0.0.0.0");
        assertThat(port.defaultValue).isEqualTo(9090);
        assertThat(host.documentation).isEqualTo("Where.");
        assertThat(port.documentation).isEqualTo("What.");
        assertThat(ManagementEndpoint.of(new AbstractConfig(DEFINITION, Map.of())))
                .isEqualTo(new ManagementEndpoint("0.0.0.0", 9090));
    }

    @Test
    void readsWhatWasSetAndRefusesAPortOutOfRangeOrAnEmptyHost() {
        assertThat(ManagementEndpoint.of(new AbstractConfig(DEFINITION, Map.of(SharedKeys.MANAGEMENT_HOST, "127.0.0.1",
                SharedKeys.MANAGEMENT_PORT, "0")))).isEqualTo(new ManagementEndpoint("127.0.0.1", 0));
        assertThatThrownBy(() -> new AbstractConfig(DEFINITION, Map.of(SharedKeys.MANAGEMENT_PORT, "65536")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SharedKeys.MANAGEMENT_PORT);
        assertThatThrownBy(() -> new AbstractConfig(DEFINITION, Map.of(SharedKeys.MANAGEMENT_HOST, "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SharedKeys.MANAGEMENT_HOST);
    }
}
