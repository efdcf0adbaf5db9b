package io.clayflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One app's workload in the manifests: its container, and the environment that container starts with. */
record Workload(ObjectNode object, ObjectNode container) {

    /** What a value from a Secret stands in as: the check needs a value, never the secret. */
    static final String FROM_SECRET = "value-from-a-secret";

    static Workload of(List<ObjectNode> objects, String kind, String name) {
        ObjectNode object = Manifests.get(objects, kind, name);
        return new Workload(object, Kustomize.containers(object).get(0));
    }

    /** The container's environment: envFrom ConfigMaps, then env (a Secret's value as {@link #FROM_SECRET}). */
    Map<String, String> environment(List<ObjectNode> objects) {
        Map<String, String> env = new TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            Manifests.get(objects, "ConfigMap", configMap).path("data").fields()
                    .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.has("valueFrom")
                    ? (variable.path("valueFrom").has("secretKeyRef") ? FROM_SECRET : "from-" + variable.get("valueFrom"))
                    : variable.path("value").asText());
        }
        return env;
    }

    /** The names of the environment variables set from a Secret. */
    List<String> fromSecrets() {
        List<String> names = new java.util.ArrayList<>();
        container.path("env").forEach(v -> {
            if (v.path("valueFrom").has("secretKeyRef")) {
                names.add(v.path("name").asText());
            }
        });
        return names;
    }

    /** The container's ports by name. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }

    String name() {
        return Manifests.name(object);
    }
}
