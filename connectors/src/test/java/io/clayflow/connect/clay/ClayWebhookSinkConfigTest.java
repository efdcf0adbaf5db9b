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

        assertThat(config.requestLimits().maxRows()).isEqualTo(10);
        assertThat(config.requestLimits().maxBytes()).isLessThan(100 * 1024);
        assertThat(config.requestLimits().rowsPerSecond()).isEqualTo(10);
        assertThat(config.resilience().ratePermits()).isEqualTo(10);
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

    @Test
    void aSingleUrlIsOneImplicitTableWithClaysDefaultsAndTheObjectFormat() {
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(minimal());

        assertThat(config.tables()).singleElement().satisfies(table -> {
            assertThat(table.name()).isEqualTo("default");
            assertThat(table.webhooks()).hasSize(1);
            assertThat(table.rowCap()).hasValue(50_000);
            assertThat(table.format()).isEqualTo(RequestFormat.OBJECT);
        });
        assertThat(config.authHeader()).isEqualTo("x-clay-webhook-auth");
        assertThat(config.creditsProbeInterval()).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void namedTablesTakeTheirOwnKeysAndTheSinkWideOnesForWhatTheyLeaveOut() {
        Map<String, String> props = tables();
        props.put("clay.webhook.token", "shared");
        props.put("clay.table.b.token", "own");
        props.put("clay.table.b.row.cap", "passthrough");
        props.put("clay.table.b.format", "array");
        props.put("clay.table.b.callback.token", "cb-b");
        props.put("clay.tables.row.cap", "300");

        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(props);

        assertThat(config.tables()).extracting(ClayTableConfig::name).containsExactly("a", "b");
        ClayTableConfig a = config.tables().get(0);
        ClayTableConfig b = config.tables().get(1);
        assertThat(a.token()).contains("shared");
        assertThat(a.rowCap()).hasValue(300);
        assertThat(a.format()).isEqualTo(RequestFormat.OBJECT);
        assertThat(a.callbackToken()).isEmpty();
        assertThat(b.token()).contains("own");
        assertThat(b.passthrough()).isTrue();
        assertThat(b.format()).isEqualTo(RequestFormat.ARRAY);
        assertThat(b.callbackToken()).contains("cb-b");
        assertThat(config.allWebhooks()).hasSize(3);
        assertThat(b.toString()).doesNotContain("own", "cb-b", "example");
    }

    @Test
    void refusesBadTableSettingsNamingTheKey() {
        Map<String, String> noUrls = tables();
        noUrls.remove("clay.table.b.webhook.urls");
        Map<String, String> badCap = tables();
        badCap.put("clay.table.a.row.cap", "lots");
        Map<String, String> badFormat = tables();
        badFormat.put("clay.table.a.format", "csv");
        Map<String, String> both = tables();
        both.put("clay.webhook.urls", "https://api.clay.com/v3/sources/webhook/old");
        Map<String, String> shared = tables();
        shared.put("clay.table.b.webhook.urls", "https://a.example/1");
        Map<String, String> none = minimal();
        none.remove("clay.webhook.urls");

        assertThatThrownBy(() -> new ClayWebhookSinkConfig(noUrls)).hasMessageContaining("clay.table.b.webhook.urls");
        assertThatThrownBy(() -> new ClayWebhookSinkConfig(badCap)).hasMessageContaining("clay.table.a.row.cap")
                .hasMessageContaining("passthrough");
        assertThatThrownBy(() -> new ClayWebhookSinkConfig(badFormat)).hasMessageContaining("clay.table.a.format");
        assertThatThrownBy(() -> new ClayWebhookSinkConfig(both)).hasMessageContaining("clay.webhook.urls")
                .hasMessageContaining("clay.table.<name>.webhook.urls");
        assertThatThrownBy(() -> new ClayWebhookSinkConfig(shared)).hasMessageContaining("listed twice")
                .hasMessageNotContaining("a.example");
        assertThatThrownBy(() -> new ClayWebhookSinkConfig(none)).hasMessageContaining("clay.tables");
    }

    static Map<String, String> tables() {
        Map<String, String> props = minimal();
        props.remove("clay.webhook.urls");
        props.put("clay.tables", "a,b");
        props.put("clay.table.a.webhook.urls", "https://a.example/1");
        props.put("clay.table.b.webhook.urls", "https://b.example/1,https://b.example/2");
        return props;
    }

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("clay.webhook.urls", "https://api.clay.com/v3/sources/webhook/abc");
        props.put("clay.webhook.quota.bootstrap.servers", "localhost:9092");
        props.put("schema.registry.url", "http://localhost:8081");
        return props;
    }
}
