package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies: every app pod starts from deny-all; what opens a port names a port the selected pods have; only
 * the gateway's public port is open to any source; management ports only to the monitoring namespace.
 */
class ManifestNetworkTest {

    @Test
    void onlyTheGatewaysPublicPortIsOpenToAnySource() {
        assertThat(problems(Manifests.base())).isEmpty();
    }

    @Test
    void aManagementPortOpenToAnySourceIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode rule = (ObjectNode) Manifests.get(objects, "NetworkPolicy", "clayflow-management-from-monitoring")
                .path("spec").path("ingress").get(0);
        rule.remove("from");

        assertThat(problems(objects)).contains("clayflow-management-from-monitoring opens management to any source");
    }

    @Test
    void aPortNoSelectedPodHasIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ((ObjectNode) Manifests.get(objects, "NetworkPolicy", "clayflow-gateway-public").path("spec").path("ingress")
                .get(0).path("ports").get(0)).put("port", "htp");

        assertThat(problems(objects)).contains("clayflow-gateway-public: no selected pod has a port named htp");
    }

    static List<String> problems(List<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        List<Workload> apps = ManifestAppsTest.APPS.stream().map(app -> Workload.of(objects, app.kind(), app.name()))
                .toList();
        boolean denyAll = Manifests.ofKind(objects, "NetworkPolicy").stream().anyMatch(policy ->
                policy.path("spec").path("ingress").isMissingNode() && policy.path("spec").path("egress").isMissingNode()
                        && apps.stream().allMatch(app -> selects(policy, app)));
        if (!denyAll) {
            problems.add("no deny-all policy selects every app");
        }
        for (ObjectNode policy : Manifests.ofKind(objects, "NetworkPolicy")) {
            String name = Manifests.name(policy);
            List<Workload> selected = apps.stream().filter(app -> selects(policy, app)).toList();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                for (JsonNode port : rule.path("ports")) {
                    String named = port.path("port").asText();
                    if (!port.path("port").isTextual()) {
                        continue;
                    }
                    if (!selected.isEmpty() && selected.stream().noneMatch(app -> app.ports().containsKey(named))) {
                        problems.add(name + ": no selected pod has a port named " + named);
                    }
                    if (!rule.has("from") && !(selected.stream().allMatch(a -> a.name().equals("clayflow-gateway"))
                            && "http".equals(named))) {
                        problems.add(name + " opens " + named + " to any source");
                    }
                }
            }
        }
        return problems;
    }

    private static boolean selects(ObjectNode policy, Workload app) {
        JsonNode labels = app.object().path("spec").path("template").path("metadata").path("labels");
        for (Map.Entry<String, JsonNode> wanted : iterable(policy.path("spec").path("podSelector").path("matchLabels"))) {
            if (!wanted.getValue().asText().equals(labels.path(wanted.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
