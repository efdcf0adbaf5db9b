package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.connect.sink.ReadCommitted;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.registry.SchemaRegistryClientConfig;
import io.clayflow.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/**
 * The KafkaConnect and its KafkaConnectors against the connectors' code: one connector per sink the plugin holds,
 * each config valid for its connector's own ConfigDef with no key it does not know, secrets from the worker's
 * environment, topics the pipeline's; the worker forbidding client overrides and reading committed records; its
 * metrics rules the connectors' own.
 */
class ManifestConnectTest {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    @Test
    void theConnectorsMatchThePluginInTheBaseAndEveryOverlay() {
        for (Map.Entry<String, List<ObjectNode>> rendered : Manifests.all().entrySet()) {
            assertThat(problems(rendered.getValue())).as(rendered.getKey()).isEmpty();
        }
    }

    @Test
    void thereIsOneConnectorPerSinkOfThePlugin() {
        Set<String> sinks = new TreeSet<>();
        ServiceLoader.load(SinkConnector.class).stream().map(p -> p.type().getName())
                .filter(name -> name.startsWith("io.clayflow.")).forEach(sinks::add);

        assertThat(sinks).hasSize(4);
        assertThat(Manifests.ofKind(Manifests.base(), "KafkaConnector"))
                .extracting(c -> c.path("spec").path("class").asText()).containsExactlyInAnyOrderElementsOf(sinks);
    }

    @Test
    void theWorkerForbidsClientOverridesAndReadsCommittedRecords() {
        JsonNode config = Manifests.ofKind(Manifests.base(), "KafkaConnect").get(0).path("spec").path("config");

        assertThat(config.path("connector.client.config.override.policy").asText()).isEqualTo("None");
        assertThat(config.path("consumer.isolation.level").asText()).isEqualTo("read_committed");
    }

    @Test
    void theWorkersMetricsRulesAreTheConnectorsOwn() throws IOException {
        String rules;
        try (InputStream in = ReadCommitted.class.getResourceAsStream("/io/clayflow/connect/metrics/connect-jmx-exporter.yml")) {
            rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Manifests.get(Manifests.base(), "ConfigMap", "clayflow-connect-metrics").path("data")
                .path("connect-jmx-exporter.yml").asText()).isEqualTo(rules);
    }

    @Test
    void aMisspeltConnectorSettingIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode config = (ObjectNode) Manifests.get(objects, "KafkaConnector", "hubspot-crm-sink").path("spec")
                .path("config");
        config.set("hubspot.tokne", config.remove("hubspot.token"));

        assertThat(problems(objects)).contains("hubspot-crm-sink: hubspot.tokne is no setting of "
                + "io.clayflow.connect.hubspot.HubSpotSinkConnector");
    }

    @Test
    void aSecretTheWorkerDoesNotHaveIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ((ObjectNode) Manifests.get(objects, "KafkaConnector", "outreach-sink").path("spec").path("config"))
                .put("outreach.token", "${env:OUTREACH_API_TOKEN}");

        assertThat(problems(objects)).containsExactly(
                "outreach-sink: ${env:OUTREACH_API_TOKEN} is not in the KafkaConnect's environment");
    }

    @Test
    void aTopicThatIsNotThePipelinesIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ((ObjectNode) Manifests.get(objects, "KafkaConnector", "warehouse-sink").path("spec").path("config"))
                .put("topics", "leads.route.warehous");

        assertThat(problems(objects)).containsExactly("warehouse-sink: topic leads.route.warehous is not one of "
                + "schemas' Topics");
    }

    static List<String> problems(List<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        ObjectNode connect = Manifests.ofKind(objects, "KafkaConnect").get(0);
        Set<String> workerEnv = new HashSet<>();
        connect.path("spec").path("template").path("connectContainer").path("env")
                .forEach(v -> workerEnv.add(v.path("name").asText()));
        for (ObjectNode connector : Manifests.ofKind(objects, "KafkaConnector")) {
            String name = Manifests.name(connector);
            JsonNode spec = connector.path("spec");
            if (!Manifests.name(connect).equals(connector.path("metadata").path("labels").path("strimzi.io/cluster")
                    .asText())) {
                problems.add(name + ": not labelled for KafkaConnect " + Manifests.name(connect));
            }
            Map<String, String> config = new HashMap<>();
            config.put("name", name);
            config.put("connector.class", spec.path("class").asText());
            config.put("tasks.max", spec.path("tasksMax").asText("1"));
            spec.path("config").fields().forEachRemaining(field -> {
                String value = field.getValue().asText();
                Matcher reference = ENV_REFERENCE.matcher(value);
                while (reference.find()) {
                    if (!workerEnv.contains(reference.group(1))) {
                        problems.add(name + ": " + reference.group() + " is not in the KafkaConnect's environment");
                    }
                }
                config.put(field.getKey(), ENV_REFERENCE.matcher(value).replaceAll(m -> plausible(m.group(1))));
            });
            Connector instance;
            try {
                instance = (Connector) Class.forName(config.get("connector.class")).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException e) {
                problems.add(name + ": no connector class " + config.get("connector.class"));
                continue;
            }
            Set<String> known = knownKeys(instance.config());
            config.keySet().stream().filter(key -> !known.contains(key)
                    && !key.startsWith("clay.webhook.quota.client.")).sorted()
                    .forEach(key -> problems.add(name + ": " + key + " is no setting of " + config.get("connector.class")));
            instance.config().validate(config).stream().filter(v -> !v.errorMessages().isEmpty())
                    .forEach(v -> problems.add(name + ": " + v.name() + ": " + v.errorMessages()));
            SinkConnectorConfig.configDef().validate(config).stream().filter(v -> !v.errorMessages().isEmpty())
                    .forEach(v -> problems.add(name + ": " + v.name() + ": " + v.errorMessages()));
            if (!Topics.ALL.contains(config.get("topics"))) {
                problems.add(name + ": topic " + config.get("topics") + " is not one of schemas' Topics");
            }
            if (!Topics.LEADS_DLQ.equals(config.get("errors.deadletterqueue.topic.name"))) {
                problems.add(name + ": dead letters do not go to " + Topics.LEADS_DLQ);
            }
            try {
                ReadCommitted.require(name, config);
            } catch (RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The connector's own keys, Connect's keys of every sink, and the registry serde's (Confluent's names). */
    private static Set<String> knownKeys(ConfigDef connectorDef) {
        Set<String> known = new HashSet<>(connectorDef.names());
        known.addAll(SinkConnectorConfig.configDef().names());
        known.addAll(SchemaRegistryClientConfig.addClientConfig(new ConfigDef()).names());
        known.addAll(List.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, AvroSerdeConfig.USE_LATEST_VERSION,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY));
        return known;
    }

    private static String plausible(String variable) {
        return switch (variable) {
            case "CLAY_WEBHOOK_URLS" -> "https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-1";
            case "KAFKA_SASL_JAAS_CONFIG" -> "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"u\" password=\"p\";";
            default -> "value-of-" + variable.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
