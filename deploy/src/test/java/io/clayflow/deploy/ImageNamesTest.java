package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One set of image names: what {@code mvn -Pimages package} makes is what docker-compose.yml runs and what the
 * Kubernetes manifests name, tag included (the project's version).
 */
class ImageNamesTest {

    @Test
    void theBuildMakesAnImageForEveryDeployable() {
        assertThat(ImageNames.byModule()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "intake", "clayflow/intake", "routing", "clayflow/routing", "clay-ledger", "clayflow/clay-ledger",
                "callback-gateway", "clayflow/gateway", "status", "clayflow/status", "cli", "clayflow/cli",
                "deploy", "clayflow/connect"));
    }

    @Test
    void dockerComposeRunsTheImagesTheBuildMakes() {
        JsonNode compose = Kustomize.readDocuments(Manifests.ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, String> clayflowImages = new TreeMap<>();
        compose.path("services").fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            if (image.startsWith("clayflow/")) {
                clayflowImages.put(service.getKey(), image);
            }
        });
        List<String> built = ImageNames.byModule().values().stream().map(name -> name + ":" + ImageNames.version())
                .toList();

        // The Clay simulator is a local stand-in for Clay, built from docker/Dockerfile only: not a deployable.
        clayflowImages.remove("clay-simulator");
        assertThat(clayflowImages).isNotEmpty();
        assertThat(built).containsAll(clayflowImages.values());
    }

    @Test
    void theManifestsNameTheImagesTheBuildMakes() {
        List<String> built = ImageNames.byModule().values().stream().map(name -> name + ":" + ImageNames.version())
                .toList();
        for (ObjectNode object : Manifests.base()) {
            for (ObjectNode container : Kustomize.containers(object)) {
                assertThat(built).as(Manifests.name(object)).contains(container.path("image").asText());
            }
        }
    }
}
