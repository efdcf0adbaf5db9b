package io.clayflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The repository's Kubernetes manifests, rendered: the base and each overlay. */
final class Manifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path CRDS = Path.of("src/test/resources/crds/strimzi");
    /** The overlays, by name; the base's defaults are production's. */
    static final List<String> OVERLAYS = List.of("production", "small");

    private Manifests() {
    }

    static List<ObjectNode> base() {
        return Kustomize.render(K8S.resolve("base"));
    }

    static List<ObjectNode> overlay(String name) {
        return Kustomize.render(K8S.resolve("overlays").resolve(name));
    }

    static Map<String, List<ObjectNode>> all() {
        return Map.of("base", base(), "production", overlay("production"), "small", overlay("small"));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
