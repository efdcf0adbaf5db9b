package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.MetricNameTemplate;
import org.apache.kafka.connect.runtime.ConnectMetricsRegistry;
import org.junit.jupiter.api.Test;

/**
 * The alerts cover what the issue asks for and query metrics that exist: the status app's {@code clayflow_pipeline_*}
 * as docs/observability.md and the tested dashboard name them, Kafka Connect's worker metrics as Connect's own registry
 * names them (through the connectors' JMX rules: {@code kafka_connect_<group>_<metric>}), the Clay ledger's gauges as
 * its metrics class names them. The ServiceMonitor finds every app's Service, on a port the app has.
 */
class ManifestMonitoringTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:clayflow|kafka)_[a-z0-9_]+)");

    @Test
    void theAlertsCoverEveryCaseAndQueryMetricsThatExist() throws Exception {
        List<ObjectNode> objects = Manifests.base();

        assertThat(alerts(objects)).containsKeys("ClayflowConnectorFailed", "ClayflowClayCallbacksOverdue",
                "ClayflowDeadLettersGrowing", "ClayflowBudgetNearlySpent", "ClayflowWebhookNearCap",
                "ClayflowTableNearCap");
        assertThat(unknownMetrics(objects)).isEmpty();
    }

    @Test
    void anAlertOnAMetricNothingServesIsCaught() throws Exception {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode rule = (ObjectNode) Manifests.get(objects, "PrometheusRule", "clayflow").path("spec").path("groups")
                .get(0).path("rules").get(3);
        rule.put("expr", "max(clayflow_pipeline_credit_left) < 10");

        assertThat(unknownMetrics(objects)).containsExactly("clayflow_pipeline_credit_left");
    }

    @Test
    void theServiceMonitorFindsEveryAppOnItsManagementPort() {
        List<ObjectNode> objects = Manifests.base();
        JsonNode monitor = Manifests.get(objects, "ServiceMonitor", "clayflow-apps").path("spec");
        String port = monitor.path("endpoints").get(0).path("port").asText();
        monitor.path("selector").path("matchLabels").fields().forEachRemaining(label -> {
            for (ManifestAppsTest.App app : ManifestAppsTest.APPS) {
                ObjectNode service = Manifests.get(objects, "Service", app.name());
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText()).as(app.name())
                        .isEqualTo(label.getValue().asText());
                List<String> ports = new ArrayList<>();
                service.path("spec").path("ports").forEach(p -> ports.add(p.path("name").asText()));
                assertThat(ports).as(app.name()).contains(port);
            }
        });
    }

    private static java.util.Map<String, String> alerts(List<ObjectNode> objects) {
        java.util.Map<String, String> alerts = new java.util.TreeMap<>();
        for (ObjectNode rule : Manifests.ofKind(objects, "PrometheusRule")) {
            rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(r ->
                    alerts.put(r.path("alert").asText(), r.path("expr").asText())));
        }
        return alerts;
    }

    private static List<String> unknownMetrics(List<ObjectNode> objects) throws Exception {
        Set<String> known = knownMetrics();
        List<String> unknown = new ArrayList<>();
        for (String expr : alerts(objects).values()) {
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                if (!known.contains(metric.group(1))) {
                    unknown.add(metric.group(1));
                }
            }
        }
        return unknown;
    }

    private static Set<String> knownMetrics() throws IOException, ReflectiveOperationException {
        Set<String> known = new TreeSet<>();
        for (String file : List.of("docs/observability.md", "docs/grafana/clayflow.json")) {
            Matcher metric = METRIC.matcher(Files.readString(Manifests.ROOT.resolve(file)));
            while (metric.find()) {
                if (metric.group(1).startsWith("clayflow_pipeline_")) {
                    known.add(metric.group(1));
                }
            }
        }
        for (MetricNameTemplate template : new ConnectMetricsRegistry().getAllTemplates()) {
            known.add(("kafka_connect_" + template.group() + "_" + template.name()).replace('-', '_'));
        }
        Class<?> ledgerMetrics = Class.forName("io.clayflow.ledger.LedgerMetrics");
        java.lang.reflect.Field scope = ledgerMetrics.getDeclaredField("SCOPE");
        java.lang.reflect.Field gauges = ledgerMetrics.getDeclaredField("GAUGES");
        scope.setAccessible(true);
        gauges.setAccessible(true);
        for (Object gauge : (List<?>) gauges.get(null)) {
            known.add(("kafka_stream_" + scope.get(null) + "_" + gauge).replace('-', '_'));
        }
        return known;
    }
}
