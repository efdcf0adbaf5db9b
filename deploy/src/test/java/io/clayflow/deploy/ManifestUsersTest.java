package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.schemas.ClaySinkState;
import io.clayflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One KafkaUser per app, allowed what the app's code does (its topics, its group, its transactional ids, named by the
 * code's constants) and nothing wider: no wildcard, no All, no cluster rights, no topic the code does not use.
 */
class ManifestUsersTest {

    /** One right: an operation on a resource (type and name). */
    record Right(String user, String type, String name, String operation) {
        @Override
        public String toString() {
            return user + " may not " + operation + " " + type + " " + name;
        }
    }

    @Test
    void everyAppMayDoWhatItsCodeDoesAndNoMore() {
        assertThat(problems(Manifests.base())).isEmpty();
        assertThat(problems(Manifests.overlay("production"))).isEmpty();
    }

    @Test
    void aMissingRightIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ArrayNode acls = (ArrayNode) Manifests.get(objects, "KafkaUser", "clayflow-intake").path("spec")
                .path("authorization").path("acls");
        acls.remove(2);

        assertThat(problems(objects)).containsExactly("clayflow-intake may not Write topic leads.dlq");
    }

    @Test
    void aWildcardOrAnAllIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ArrayNode acls = (ArrayNode) Manifests.get(objects, "KafkaUser", "clayflow-gateway").path("spec")
                .path("authorization").path("acls");
        ObjectNode wide = acls.addObject();
        wide.putObject("resource").put("type", "topic").put("name", "*").put("patternType", "literal");
        wide.putArray("operations").add("All");

        assertThat(problems(objects)).containsExactly("clayflow-gateway: a wildcard resource topic *",
                "clayflow-gateway: operation All on topic *");
    }

    @Test
    void aRightOnATopicTheCodeDoesNotUseIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode resource = (ObjectNode) Manifests.get(objects, "KafkaUser", "clayflow-gateway").path("spec")
                .path("authorization").path("acls").get(0).path("resource");
        resource.put("name", "leads.rwa");

        assertThat(problems(objects)).containsExactly("clayflow-gateway: topic leads.rwa is no topic of the code",
                "clayflow-gateway may not Write topic leads.raw");
    }

    static List<String> problems(List<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        Set<String> topics = CodeTopics.all();
        topics.add(Topics.LEGACY_CLAY_WEBHOOK_QUOTA);
        for (ObjectNode connect : Manifests.ofKind(objects, "KafkaConnect")) {
            for (String field : List.of("configStorageTopic", "offsetStorageTopic", "statusStorageTopic")) {
                topics.add(connect.path("spec").path(field).asText());
            }
        }
        for (ObjectNode user : Manifests.ofKind(objects, "KafkaUser")) {
            String name = Manifests.name(user);
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String type = resource.path("type").asText();
                String resourceName = resource.path("name").asText();
                if (resourceName.isEmpty() || resourceName.contains("*")) {
                    problems.add(name + ": a wildcard resource " + type + " " + resourceName);
                }
                acl.path("operations").forEach(op -> {
                    if ("All".equals(op.asText())) {
                        problems.add(name + ": operation All on " + type + " " + resourceName);
                    }
                });
                if ("cluster".equals(type)) {
                    problems.add(name + ": cluster rights");
                }
                boolean prefix = "prefix".equals(resource.path("patternType").asText());
                if ("topic".equals(type) && !resourceName.contains("*") && (prefix
                        ? topics.stream().noneMatch(t -> t.startsWith(resourceName))
                        : !topics.contains(resourceName))) {
                    problems.add(name + ": topic " + resourceName + " is no topic of the code");
                }
            }
        }
        for (Right right : required(objects)) {
            if (!allowed(objects, right)) {
                problems.add(right.toString());
            }
        }
        return problems;
    }

    /** What each app's code does with Kafka, from the code's constants and defaults. */
    static List<Right> required(List<ObjectNode> objects) {
        List<Right> rights = new ArrayList<>();
        String intake = IntakeConfig.load(null, Map.of()).applicationId();
        String routing = RoutingConfig.load(null, Map.of()).applicationId();
        Map<String, String> users = Map.of(intake, "clayflow-intake", routing, "clayflow-routing",
                ClayLedgerConfig.load(null, Map.of()).applicationId(), "clayflow-clay-ledger");
        // What each Streams app's topology reads and writes, and the dead letters its handlers write.
        for (StreamsInternalTopics.SubTopology sub : StreamsInternalTopics.all()) {
            String user = users.get(sub.app());
            sub.inputs().stream().filter(t -> !t.startsWith(sub.app() + "-"))
                    .forEach(t -> rights.add(new Right(user, "topic", t, "Read")));
            sub.outputs().stream().filter(t -> !t.startsWith(sub.app() + "-"))
                    .forEach(t -> rights.add(new Right(user, "topic", t, "Write")));
        }
        users.forEach((applicationId, user) -> {
            rights.add(new Right(user, "topic", Topics.LEADS_DLQ, "Write"));
            streamsApp(rights, user, applicationId);
        });
        GatewayConfig gateway = GatewayConfig.load(null, Map.of());
        rights.add(new Right("clayflow-gateway", "topic", gateway.topics().raw(), "Write"));
        rights.add(new Right("clayflow-gateway", "topic", gateway.topics().enriched(), "Write"));
        rights.add(new Right("clayflow-gateway", "topic", gateway.topics().hubspotContactChanges(), "Write"));
        for (String topic : CodeTopics.named()) {
            rights.add(new Right("clayflow-status", "topic", topic, "Read"));
        }
        StreamsInternalTopics.names().stream().filter(t -> t.startsWith(intake + "-") && t.endsWith("-changelog"))
                .forEach(t -> rights.add(new Right("clayflow-status", "topic", t, "Read")));
        rights.add(new Right("clayflow-status", "group", intake, "Describe"));
        rights.add(new Right("clayflow-status", "group", routing, "Describe"));
        for (ObjectNode connector : Manifests.ofKind(objects, "KafkaConnector")) {
            String topic = connector.path("spec").path("config").path("topics").asText();
            rights.add(new Right("clayflow-connect", "topic", topic, "Read"));
            rights.add(new Right("clayflow-connect", "group", "connect-" + Manifests.name(connector), "Read"));
            rights.add(new Right("clayflow-status", "group", "connect-" + Manifests.name(connector), "Describe"));
            if (connector.path("spec").path("class").asText().endsWith("ClayWebhookSinkConnector")) {
                rights.add(new Right("clayflow-connect", "topic", Topics.LEADS_CLAY_SENT, "Write"));
                rights.add(new Right("clayflow-connect", "topic", Topics.CLAY_SINK_STATE, "Write"));
                rights.add(new Right("clayflow-connect", "topic", Topics.CLAY_SINK_STATE, "Read"));
                rights.add(new Right("clayflow-connect", "transactionalId",
                        ClaySinkState.TRANSACTIONAL_ID_PREFIX + Manifests.name(connector), "Write"));
            }
        }
        rights.add(new Right("clayflow-connect", "topic", Topics.LEADS_DLQ, "Write"));
        for (ObjectNode connect : Manifests.ofKind(objects, "KafkaConnect")) {
            JsonNode spec = connect.path("spec");
            rights.add(new Right("clayflow-connect", "group", spec.path("groupId").asText(), "Read"));
            for (String field : List.of("configStorageTopic", "offsetStorageTopic", "statusStorageTopic")) {
                rights.add(new Right("clayflow-connect", "topic", spec.path(field).asText(), "Read"));
                rights.add(new Right("clayflow-connect", "topic", spec.path(field).asText(), "Write"));
            }
        }
        return rights;
    }

    /** A Streams app reads and writes its internal topics, joins its group, and writes under its transactional ids. */
    private static void streamsApp(List<Right> rights, String user, String applicationId) {
        StreamsInternalTopics.names().stream().filter(t -> t.startsWith(applicationId + "-")).forEach(t -> {
            rights.add(new Right(user, "topic", t, "Read"));
            rights.add(new Right(user, "topic", t, "Write"));
            rights.add(new Right(user, "topic", t, "Create"));
        });
        rights.add(new Right(user, "group", applicationId, "Read"));
        rights.add(new Right(user, "transactionalId", applicationId + "-", "Write"));
    }

    private static boolean allowed(List<ObjectNode> objects, Right right) {
        return Manifests.find(objects, "KafkaUser", right.user()).map(user -> {
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                boolean prefix = "prefix".equals(resource.path("patternType").asText());
                boolean matches = resource.path("type").asText().equals(right.type()) && (prefix
                        ? right.name().startsWith(resource.path("name").asText())
                        : right.name().equals(resource.path("name").asText()));
                boolean deny = "deny".equals(acl.path("type").asText());
                for (JsonNode operation : acl.path("operations")) {
                    if (matches && !deny && operation.asText().equals(right.operation())) {
                        return true;
                    }
                }
            }
            return false;
        }).orElse(false);
    }
}
