package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every Secret a manifest reads exists with the key it reads: one of the manifests' own Secrets (committed with empty
 * values: nothing secret is in the repository), a KafkaUser's (Strimzi makes it, named like the user, with
 * {@code password} and {@code sasl.jaas.config}) or a Kafka cluster's CA certificate ({@code <cluster>-cluster-ca-cert}).
 */
class ManifestSecretsTest {

    @Test
    void everySecretReadExistsWithItsKey() {
        for (Map.Entry<String, List<ObjectNode>> rendered : Manifests.all().entrySet()) {
            assertThat(problems(rendered.getValue())).as(rendered.getKey()).isEmpty();
        }
    }

    @Test
    void theCommittedSecretsHoldNoValue() {
        List<ObjectNode> secrets = Manifests.ofKind(Manifests.base(), "Secret");

        assertThat(secrets).hasSizeGreaterThanOrEqualTo(5).allSatisfy(secret -> {
            assertThat(secret.has("data")).as(Manifests.name(secret)).isFalse();
            secret.path("stringData").forEach(value -> assertThat(value.asText()).as(Manifests.name(secret)).isEmpty());
        });
    }

    @Test
    void aKeyNoSecretHasIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode ref = (ObjectNode) Workload.of(objects, "Deployment", "clayflow-gateway").container().path("env")
                .get(0).path("valueFrom").path("secretKeyRef");
        ref.put("key", "callback-token");

        assertThat(problems(objects)).containsExactly("no Secret clayflow-gateway-tokens with key callback-token");
    }

    @Test
    void aSecretOfAUserThatDoesNotExistIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        objects.remove(Manifests.get(objects, "KafkaUser", "clayflow-status"));

        assertThat(problems(objects)).containsExactly("no Secret clayflow-status with key sasl.jaas.config");
    }

    static List<String> problems(List<ObjectNode> objects) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (ObjectNode secret : Manifests.ofKind(objects, "Secret")) {
            Set<String> keys = secrets.computeIfAbsent(Manifests.name(secret), name -> new TreeSet<>());
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secret.path("data").fieldNames().forEachRemaining(keys::add);
        }
        for (ObjectNode user : Manifests.ofKind(objects, "KafkaUser")) {
            secrets.put(Manifests.name(user), Set.of("password", "sasl.jaas.config"));
        }
        for (ObjectNode object : objects) {
            String cluster = object.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            if (object.path("kind").asText().matches("KafkaTopic|KafkaUser") && !cluster.isEmpty()) {
                secrets.put(cluster + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
            }
        }
        List<String> problems = new ArrayList<>();
        Consumer<String[]> need = nameAndKey -> {
            if (!secrets.getOrDefault(nameAndKey[0], Set.of()).contains(nameAndKey[1])) {
                problems.add("no Secret " + nameAndKey[0] + " with key " + nameAndKey[1]);
            }
        };
        for (ObjectNode object : objects) {
            visit(object, node -> {
                if (node.has("secretKeyRef")) {
                    need.accept(new String[] {node.path("secretKeyRef").path("name").asText(),
                            node.path("secretKeyRef").path("key").asText()});
                }
                if (node.has("secret") && node.path("secret").has("secretName")) {
                    node.path("secret").path("items").forEach(item -> need.accept(new String[] {
                            node.path("secret").path("secretName").asText(), item.path("key").asText()}));
                }
            });
            JsonNode spec = object.path("spec");
            if ("KafkaConnect".equals(object.path("kind").asText())) {
                need.accept(new String[] {spec.path("authentication").path("passwordSecret").path("secretName").asText(),
                        spec.path("authentication").path("passwordSecret").path("password").asText()});
                spec.path("tls").path("trustedCertificates").forEach(c -> need.accept(new String[] {
                        c.path("secretName").asText(), "ca.crt"}));
            }
        }
        return problems;
    }

    private static void visit(JsonNode node, Consumer<JsonNode> visitor) {
        visitor.accept(node);
        node.forEach(child -> visit(child, visitor));
    }
}
