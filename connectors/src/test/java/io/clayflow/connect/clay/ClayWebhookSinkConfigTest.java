package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClayWebhookSinkConfigTest {

    @Test
    void defaultsFollowClaysLimits() {
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(minimal());

        assertThat(config.batchMaxRows()).isEqualTo(10);
        assertThat(config.batchMaxBytes()).isLessThan(100 * 1024);
        assertThat(config.rateLimitRowsPerSecond()).isEqualTo(10);
        assertThat(config.submissionLimit()).isEqualTo(50_000);
        assertThat(config.quotaWarnRatio()).isEqualTo(0.8);
    }

    @Test
    void refusesABadUrlNamingTheKeyButNotTheUrl() {
        Map<String, String> props = minimal();
        props.put("clay.webhook.urls", "https://ok.example/a,ftp://secret-webhook-path");

        assertThatThrownBy(() -> new ClayWebhookSinkConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clay.webhook.urls").hasMessageContaining("URL #2")
                .hasMessageNotContaining("secret-webhook-path");
    }

    @Test
    void neverPrintsTheToken() {
        Map<String, String> props = minimal();
        props.put("clay.webhook.token", "tok-s3cret");

        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(props);

        assertThat(config.webhookToken()).contains("tok-s3cret");
        assertThat(config.values().toString()).doesNotContain("tok-s3cret");
    }

    @Test
    void refusesMoreThanAHundredRowsPerRequest() {
        Map<String, String> props = minimal();
        props.put("batch.max.rows", "500");

        assertThatThrownBy(() -> new ClayWebhookSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.max.rows");
    }

    @Test
    void passesQuotaClientSettingsThrough() {
        Map<String, String> props = minimal();
        props.put("clay.webhook.quota.client.security.protocol", "SASL_SSL");

        assertThat(new ClayWebhookSinkConfig(props).quotaClientProps())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("clay.webhook.urls", "https://api.clay.com/v3/sources/webhook/abc");
        props.put("clay.webhook.quota.bootstrap.servers", "localhost:9092");
        props.put("schema.registry.url", "http://localhost:8081");
        return props;
    }
}
