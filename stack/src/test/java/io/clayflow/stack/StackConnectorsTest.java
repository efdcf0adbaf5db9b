package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConnectorsTest {

    @TempDir
    Path data;

    private StackConnectors connectors(Map<String, String> settings) {
        Map<String, String> props = new java.util.HashMap<>(settings);
        props.put(StackConfig.DATA_DIR, data.toString());
        StackConfig config = StackConfig.load(null, Map.of(), props);
        return new StackConnectors(config, StackSecrets.loadOrCreate(config.dataDir(), new SecureRandom()),
                "http://127.0.0.1:8090/webhooks/default");
    }

    @Test
    void secretsAreFileProviderReferencesNeverValues() {
        StackConnectors connectors = connectors(Map.of());
        StackSecrets secrets = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(connectors.all()).extracting(ConnectorSpec::name).containsExactly("clay-webhook-sink",
                "hubspot-sink", "outreach-sink", "warehouse-sink", "hubspot-source");
        assertThat(connectors.claySink().config()).containsEntry("clay.webhook.token",
                "${file:" + data.resolve("secrets.properties") + ":clay.webhook.token}");
        assertThat(connectors.all()).allSatisfy(spec -> assertThat(spec.config().values())
                .doesNotContain(secrets.get(StackSecret.WEBHOOK_TOKEN).value(), secrets.get(StackSecret.HUBSPOT_TOKEN).value(),
                        secrets.get(StackSecret.OUTREACH_TOKEN).value()));
    }

    @Test
    void eachSinkTargetsItsLocalFakeAndSendsBadRecordsToTheDlq() {
        StackConnectors connectors = connectors(Map.of());

        assertThat(connectors.claySink().config()).containsEntry("clay.webhook.urls",
                "http://127.0.0.1:8090/webhooks/default").containsEntry("topics", "leads.clay.outbox");
        assertThat(connectors.hubspotSink().config()).containsEntry("hubspot.base.url", "http://127.0.0.1:8091");
        assertThat(connectors.outreachSink().config()).containsEntry("outreach.base.url", "http://127.0.0.1:8092");
        assertThat(connectors.warehouseSink().config()).containsEntry("warehouse.duckdb.path",
                data.resolve("warehouse").resolve("clayflow.duckdb").toString());
        assertThat(connectors.hubspotSource().config()).containsEntry("hubspot.base.url", "http://127.0.0.1:8091")
                .containsEntry("topic", "leads.raw").containsEntry("changes.topic", "clayflow.hubspot.contact-changes");
        assertThat(connectors.all()).filteredOn(spec -> !spec.name().equals(StackConnector.HUBSPOT_SOURCE.connectorName()))
                .allSatisfy(spec -> assertThat(spec.config())
                .containsEntry("errors.deadletterqueue.topic.name", "leads.dlq")
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
    }

    @Test
    void aRealClayTableReplacesTheSimulatorAndTheLocalTokenIsNotSentToIt() {
        StackConnectors withToken = connectors(Map.of("override.sink.clay.clay.webhook.urls", "https://api.clay.com/w/1",
                "override.sink.clay.clay.webhook.token", "real-token", "override.sink.clay.batch.max.rows", "5"));
        StackConnectors withoutToken = connectors(Map.of("override.sink.clay.clay.webhook.urls",
                "https://api.clay.com/w/1"));

        assertThat(withToken.claySink().config()).containsEntry("clay.webhook.urls", "https://api.clay.com/w/1")
                .containsEntry("clay.webhook.token", "real-token").containsEntry("batch.max.rows", "5");
        assertThat(withoutToken.claySink().config()).containsEntry("clay.webhook.urls", "https://api.clay.com/w/1")
                .doesNotContainKey("clay.webhook.token");
    }

    @Test
    void namedClayTablesReplaceTheSimulatorsWebhookAndItsToken() {
        StackConnectors connectors = connectors(Map.of("override.sink.clay.clay.tables", "a",
                "override.sink.clay.clay.table.a.webhook.urls", "https://api.clay.com/w/a",
                "override.sink.clay.clay.table.a.token", "real-a"));

        assertThat(connectors.claySink().config()).containsEntry("clay.tables", "a")
                .containsEntry("clay.table.a.webhook.urls", "https://api.clay.com/w/a")
                .containsEntry("clay.table.a.token", "real-a")
                .doesNotContainKeys("clay.webhook.urls", "clay.webhook.token");
    }

    @Test
    void aJdbcUrlOverrideReplacesTheDuckDbFile() {
        StackConnectors connectors = connectors(Map.of("override.sink.warehouse.warehouse.jdbc.url",
                "jdbc:postgresql://127.0.0.1:5432/test"));

        assertThat(connectors.warehouseSink().config())
                .containsEntry("warehouse.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test")
                .doesNotContainKey("warehouse.duckdb.path");
    }
}
