package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every manifest, in the base and in every overlay, reads into a model that refuses unknown fields. */
class ManifestModelsTest {

    private static final StrictModels MODELS = new StrictModels(new CrdSchemas(Manifests.CRDS));

    @Test
    void everyObjectOfTheBaseAndEveryOverlayIsValid() {
        for (Map.Entry<String, List<ObjectNode>> rendered : Manifests.all().entrySet()) {
            assertThat(rendered.getValue()).as(rendered.getKey()).hasSizeGreaterThan(40);
            rendered.getValue().forEach(MODELS::check);
        }
    }

    @Test
    void theOverlaysSetTheirNamespaceAndKeepTheBasesObjects() {
        int base = Manifests.base().size();
        for (String overlay : Manifests.OVERLAYS) {
            List<ObjectNode> objects = Manifests.overlay(overlay);
            assertThat(objects).as(overlay).hasSize(base)
                    .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isEqualTo("clayflow"));
        }
    }

    @Test
    void aMisspeltFieldOfAKubernetesObjectIsRefused() {
        ObjectNode gateway = Manifests.get(Manifests.base(), "Deployment", "clayflow-gateway");
        ObjectNode container = Kustomize.containers(gateway).get(0);
        container.set("imagePullPolicyy", container.remove("image"));

        assertThatThrownBy(() -> MODELS.check(gateway)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment clayflow-gateway").hasMessageContaining("imagePullPolicyy");
    }

    @Test
    void aMisspeltFieldOfAStrimziObjectIsRefused() {
        ObjectNode topic = Manifests.get(Manifests.base(), "KafkaTopic", "leads-raw");
        ((ObjectNode) topic.get("spec")).set("replicass", ((ObjectNode) topic.get("spec")).remove("replicas"));

        assertThatThrownBy(() -> MODELS.check(topic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KafkaTopic leads-raw").hasMessageContaining("replicass");
    }

    @Test
    void aValueOfTheWrongTypeInAStrimziObjectIsRefused() {
        ObjectNode user = Manifests.get(Manifests.base(), "KafkaUser", "clayflow-intake");
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0).get("resource"))
                .put("type", "topics");

        assertThatThrownBy(() -> MODELS.check(user)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KafkaUser clayflow-intake").hasMessageContaining("topics");
    }

    @Test
    void aMisspeltFieldOfAPrometheusOperatorObjectIsRefused() {
        ObjectNode rule = Manifests.get(Manifests.base(), "PrometheusRule", "clayflow");
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0)).put("fro", "5m");

        assertThatThrownBy(() -> MODELS.check(rule)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fro");
    }

    @Test
    void anUnknownKindIsRefused() {
        ObjectNode object = Kustomize.JSON.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1")
                .put("kind", "KafkaTopik");
        object.putObject("metadata").put("name", "x");

        assertThatThrownBy(() -> MODELS.check(object)).hasMessageContaining("no model or CRD for this kind");
    }

    @Test
    void aKustomizationFieldTheRendererDoesNotKnowIsRefused() {
        ObjectNode kustomization = (ObjectNode) Kustomize.readDocuments(Manifests.K8S.resolve(
                "overlays/small/kustomization.yaml")).get(0);
        kustomization.putArray("commonLabels");

        assertThatThrownBy(() -> Kustomize.render(Manifests.K8S.resolve("overlays/small"), kustomization))
                .hasMessageContaining("field 'commonLabels' is not rendered by this check");
    }
}
