package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ClayWebhookSinkConnectorTest {

    @Test
    void aBadTableKeyIsReportedWhenTheConfigurationIsValidatedNotOnlyAtStart() {
        Map<String, String> props = ClayWebhookSinkConfigTest.tables();
        props.put("clay.table.b.row.cap", "lots");

        Config checked = new ClayWebhookSinkConnector().validate(props);

        assertThat(checked.configValues()).filteredOn(value -> value.name().equals("clay.tables")).singleElement()
                .extracting(ConfigValue::errorMessages).asList().singleElement().asString()
                .contains("clay.table.b.row.cap", "passthrough");
    }

    @Test
    void goodTablesValidateCleanly() {
        Config checked = new ClayWebhookSinkConnector().validate(ClayWebhookSinkConfigTest.tables());

        assertThat(checked.configValues()).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
    }
}
