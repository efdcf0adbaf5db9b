package io.clayflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates custom resources against the OpenAPI v3 schema of their CustomResourceDefinition, kept in test resources
 * ({@code crds/}), strictly: an object schema with {@code properties} takes no other field (unless it says
 * {@code x-kubernetes-preserve-unknown-fields}), as Kubernetes' strict field validation refuses unknown fields.
 */
final class CrdSchemas {

    private final Map<String, Schema> byApiVersionAndKind = new TreeMap<>();

    /** The CRDs of every file in {@code directory}, each of its served versions. */
    CrdSchemas(Path directory) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = Kustomize.readDocuments(file).get(0);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    // metadata is checked as fabric8's typed ObjectMeta.
                    ((ObjectNode) schema.get("properties")).putObject("metadata").put("type", "object");
                    byApiVersionAndKind.put(group + "/" + version.path("name").asText() + "/" + kind,
                            registry.getSchema(Kustomize.JSON.writeValueAsString(schema), InputFormat.JSON));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CRDs in " + directory, e);
        }
    }

    boolean knows(JsonNode object) {
        return byApiVersionAndKind.containsKey(key(object));
    }

    Set<String> kinds() {
        return byApiVersionAndKind.keySet();
    }

    /** @throws IllegalArgumentException listing every place the object breaks its CRD's schema */
    void validate(JsonNode object) throws IOException {
        List<Error> errors = byApiVersionAndKind.get(key(object))
                .validate(Kustomize.JSON.writeValueAsString(object), InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream().map(e -> e + " (value: " + e.getInstanceNode() + ")")
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    /** Closes every object schema that lists its properties, as Kubernetes' strict field validation does. */
    private static void strict(JsonNode schema) {
        strict(schema, true);
    }

    /**
     * {@code close}: false for the branches of oneOf/anyOf/allOf, which in Strimzi's CRDs name the properties a branch
     * requires while the enclosing schema lists them all; their own property schemas are closed all the same.
     */
    private static void strict(JsonNode schema, boolean close) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (close && node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        node.path("properties").forEach(CrdSchemas::strict);
        strict(node.path("items"));
        strict(node.path("additionalProperties"));
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            node.path(combinator).forEach(branch -> strict(branch, false));
        }
    }
}
