package io.clayflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the features clayflow's manifests use and no more:
 * {@code resources} (files and directories), {@code configMapGenerator} (files, with hash suffixes disabled),
 * {@code namespace}, {@code images}, {@code replicas} and {@code patches} (JSON 6902 with a target). Any other field
 * fails, so a manifest never relies on something this renderer would silently skip.
 */
final class Kustomize {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "replicas", "patches", "generatorOptions", "configMapGenerator");

    private Kustomize() {
    }

    /** The objects {@code directory}'s kustomization.yaml renders to. */
    static List<ObjectNode> render(Path directory) {
        ObjectNode kustomization = (ObjectNode) readDocuments(directory.resolve("kustomization.yaml")).get(0);
        return render(directory, kustomization);
    }

    static List<ObjectNode> render(Path directory, ObjectNode kustomization) {
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory.resolve("kustomization.yaml") + ": field '" + field
                        + "' is not rendered by this check (supported: " + SUPPORTED + ")");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                readDocuments(path).forEach(document -> objects.add((ObjectNode) document));
            }
        }
        if (kustomization.has("configMapGenerator")) {
            if (!kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
                throw new IllegalArgumentException(directory + ": configMapGenerator without "
                        + "generatorOptions.disableNameSuffixHash: true (hashed names are not rendered here)");
            }
            for (JsonNode generator : kustomization.get("configMapGenerator")) {
                objects.add(configMap(directory, generator));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, objects, patch);
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> containers(object).forEach(container -> retag(container, image)));
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            List<ObjectNode> named = objects.stream().filter(o -> o.path("metadata").path("name").asText()
                    .equals(replicas.path("name").asText())).filter(o -> o.path("spec").has("replicas")).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException(directory + ": replicas for " + replicas.path("name")
                        + " match no workload");
            }
            named.forEach(o -> ((ObjectNode) o.get("spec")).put("replicas", replicas.path("count").asInt()));
        }
        if (kustomization.has("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", kustomization.get("namespace")
                    .asText()));
        }
        return objects;
    }

    /** The containers of a workload (Deployment, StatefulSet), or none. */
    static List<ObjectNode> containers(JsonNode object) {
        List<ObjectNode> containers = new ArrayList<>();
        JsonNode pod = object.path("spec").path("template").path("spec");
        pod.path("containers").forEach(c -> containers.add((ObjectNode) c));
        pod.path("initContainers").forEach(c -> containers.add((ObjectNode) c));
        return containers;
    }

    private static void retag(ObjectNode container, JsonNode image) {
        String current = container.path("image").asText();
        int colon = current.lastIndexOf(':');
        String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
        String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
        if (name.equals(image.path("name").asText())) {
            container.put("image", image.path("newName").asText(name) + ":" + image.path("newTag").asText(tag));
        }
    }

    private static ObjectNode configMap(Path directory, JsonNode generator) {
        ObjectNode configMap = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", generator.path("name").asText());
        ObjectNode data = configMap.putObject("data");
        for (JsonNode file : generator.path("files")) {
            Path path = directory.resolve(file.asText());
            try {
                data.put(path.getFileName().toString(), Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException("configMapGenerator " + generator.path("name") + ": " + path, e);
            }
        }
        return configMap;
    }

    private static void applyPatch(Path directory, List<ObjectNode> objects, JsonNode patch) {
        JsonNode target = patch.path("target");
        if (target.isMissingNode() || !patch.has("patch")) {
            throw new IllegalArgumentException(directory + ": only JSON 6902 patches with a target are rendered here");
        }
        List<JsonNode> operations = readDocuments(patch.get("patch").asText());
        if (operations.size() != 1 || !operations.get(0).isArray()) {
            throw new IllegalArgumentException(directory + ": a patch must be one JSON 6902 list of operations");
        }
        List<ObjectNode> matched = objects.stream().filter(object -> matches(object, target)).toList();
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(directory + ": patch target " + target + " matches no object");
        }
        for (ObjectNode object : matched) {
            for (JsonNode operation : operations.get(0)) {
                JsonPatch.apply(object, operation);
            }
        }
    }

    private static boolean matches(JsonNode object, JsonNode target) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return (!target.has("kind") || target.get("kind").asText().equals(object.path("kind").asText()))
                && (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("name") || object.path("metadata").path("name").asText()
                        .matches(target.get("name").asText()));
    }

    /** Every YAML document of a file, as JSON trees (anchors and aliases resolved by SnakeYAML). */
    static List<JsonNode> readDocuments(Path file) {
        try {
            return readDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static List<JsonNode> readDocuments(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /** RFC 6902's add, replace and remove on a tree, by JSON pointer ({@code ~1} for {@code /}). */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode root, JsonNode operation) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText();
            List<String> tokens = new ArrayList<>();
            for (String token : path.substring(1).split("/", -1)) {
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
            JsonNode parent = root;
            for (Iterator<String> it = tokens.subList(0, tokens.size() - 1).iterator(); it.hasNext(); ) {
                String token = it.next();
                parent = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
            }
            String last = tokens.get(tokens.size() - 1);
            if (parent.isMissingNode() || !(parent instanceof ObjectNode || parent instanceof ArrayNode)) {
                throw new IllegalArgumentException("JSON patch " + operation + ": no parent at " + path + " in "
                        + root.path("kind").asText() + " " + root.path("metadata").path("name").asText());
            }
            if (parent instanceof ObjectNode object) {
                if (("replace".equals(op) || "remove".equals(op)) && !object.has(last)) {
                    throw new IllegalArgumentException("JSON patch " + op + " of a missing " + path + " in "
                            + root.path("metadata").path("name").asText());
                }
                switch (op) {
                    case "add", "replace" -> object.set(last, operation.get("value"));
                    case "remove" -> object.remove(last);
                    default -> throw new IllegalArgumentException("JSON patch op not rendered here: " + op);
                }
            } else {
                ArrayNode array = (ArrayNode) parent;
                int index = "-".equals(last) ? array.size() : Integer.parseInt(last);
                switch (op) {
                    case "add" -> array.insert(index, operation.get("value"));
                    case "replace" -> array.set(index, operation.get("value"));
                    case "remove" -> array.remove(index);
                    default -> throw new IllegalArgumentException("JSON patch op not rendered here: " + op);
                }
            }
        }
    }
}
