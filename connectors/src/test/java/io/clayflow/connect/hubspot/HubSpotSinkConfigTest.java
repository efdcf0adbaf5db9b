package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubSpotSinkConfigTest {

    @Test
    void defaultsFollowHubSpotsLimits() {
        HubSpotSinkConfig config = new HubSpotSinkConfig(minimal());

        assertThat(config.upsertUri()).hasToString("https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert");
        assertThat(config.updateUri()).hasToString("https://api.hubapi.com/crm/v3/objects/contacts/batch/update");
        assertThat(config.batchMaxInputs()).isEqualTo(100);
        assertThat(config.resilience().ratePermits()).isEqualTo(190);
        assertThat(config.resilience().ratePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.leadIdProperty()).contains("clayflow_lead_id");
        assertThat(config.emailFields()).containsExactly("email", "work_email");
        assertThat(config.mapping().sourceToProperty()).containsEntry("title", "jobtitle")
                .containsEntry("company_name", "company");
    }

    @Test
    void neverPrintsTheToken() {
        HubSpotSinkConfig config = new HubSpotSinkConfig(minimal());

        assertThat(HubSpotAccess.token(config)).isEqualTo("pat-na1-s3cret");
        assertThat(config.values().toString()).doesNotContain("pat-na1-s3cret");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            batch.max.inputs         | 101                       | batch.max.inputs
            batch.max.inputs         | 0                         | batch.max.inputs
            rate.limit.requests      | 0                         | rate.limit.requests
            hubspot.base.url         | ftp://api.hubapi.com      | hubspot.base.url
            hubspot.mapping          | title:jobtitle,nope:x     | hubspot.mapping
            hubspot.email.fields     | email,mail                | hubspot.email.fields
            hubspot.token            | '  '                      | hubspot.token
            hubspot.lead.id.property | jobtitle                  | hubspot.mapping
            """)
    void refusesABadValueNamingTheKey(String key, String value, String named) {
        Map<String, String> props = minimal();
        props.put(key, value);

        assertThatThrownBy(() -> new HubSpotSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(named);
    }

    @Test
    void theTokenIsRequired() {
        Map<String, String> props = minimal();
        props.remove("hubspot.token");

        assertThatThrownBy(() -> new HubSpotSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hubspot.token");
    }

    @Test
    void theConnectorSplitsTheRateLimitBetweenItsTasks() {
        HubSpotSinkConnector connector = new HubSpotSinkConnector();
        Map<String, String> props = minimal();
        props.put("consumer.override.isolation.level", "read_committed");
        connector.start(props);

        assertThat(connector.taskConfigs(3)).extracting(task -> task.get("rate.limit.requests"))
                .containsExactly("64", "63", "63");
        assertThat(connector.taskConfigs(1)).extracting(task -> task.get("rate.limit.requests"))
                .containsExactly("190");
    }

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("hubspot.token", "pat-na1-s3cret");
        props.put("schema.registry.url", "http://localhost:8081");
        return props;
    }
}
