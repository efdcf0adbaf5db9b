package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The KafkaTopics are exactly the topics the code uses: every topic schemas' {@link Topics} names ({@link CodeTopics}),
 * the Streams apps' internal topics read off their real topologies, the Connect worker's own; each with the replication its overlay
 * promises, topic settings Kafka knows, and partitions that fit the Streams tasks.
 */
class ManifestTopicsTest {

    private static final Set<String> TOPIC_CONFIGS = topicConfigNames();

    @Test
    void theTopicsAreExactlyTheOnesTheCodeUses() {
        assertThat(problems(Manifests.base(), 3, 2)).isEmpty();
    }

    @Test
    void eachOverlaySetsTheReplicationItPromises() {
        assertThat(problems(Manifests.overlay("production"), 3, 2)).isEmpty();
        assertThat(problems(Manifests.overlay("small"), 1, 1)).isEmpty();
    }

    @Test
    void anUnknownTopicIsCaught() {
        List<ObjectNode> objects = new ArrayList<>(Manifests.base());
        ObjectNode extra = Manifests.get(objects, "KafkaTopic", "leads-raw").deepCopy();
        ((ObjectNode) extra.get("spec")).put("topicName", "leads.rwa");
        objects.add(extra);

        assertThat(problems(objects, 3, 2)).containsExactly("a KafkaTopic the code does not use: leads.rwa");
    }

    @Test
    void aMissingTopicIsCaught() {
        List<ObjectNode> objects = new ArrayList<>(Manifests.base());
        objects.remove(Manifests.get(objects, "KafkaTopic", "clayflow-intake-intake-throttle-state-changelog"));

        assertThat(problems(objects, 3, 2)).containsExactly(
                "no KafkaTopic for clayflow-intake-intake-throttle-state-changelog");
    }

    @Test
    void aMisspeltTopicSettingIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode config = (ObjectNode) Manifests.get(objects, "KafkaTopic", "leads-dlq").path("spec").path("config");
        config.set("retention.msec", config.remove("retention.ms"));

        assertThat(problems(objects, 3, 2)).containsExactly("leads.dlq: Kafka has no topic setting retention.msec");
    }

    @Test
    void aChangelogWithFewerPartitionsThanItsTasksIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ((ObjectNode) Manifests.get(objects, "KafkaTopic", "clayflow-intake-intake-dedupe-store-changelog")
                .get("spec")).put("partitions", 1);

        assertThat(problems(objects, 3, 2)).containsExactly("clayflow-intake-intake-dedupe-store-changelog has 1 "
                + "partitions, its sub-topology's input [clayflow-intake-intake-dedupe-repartition] has 3");
    }

    /** What is wrong with the KafkaTopics of {@code objects}, in words; empty when nothing is. */
    static List<String> problems(List<ObjectNode> objects, int replicas, int minInSyncReplicas) {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (ObjectNode topic : Manifests.ofKind(objects, "KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asText(Manifests.name(topic)), topic.get("spec"));
        }
        Set<String> expected = expectedTopics(objects);
        List<String> problems = new ArrayList<>();
        expected.stream().filter(topic -> !topics.containsKey(topic)).forEach(t -> problems.add("no KafkaTopic for " + t));
        topics.keySet().stream().filter(topic -> !expected.contains(topic))
                .forEach(t -> problems.add("a KafkaTopic the code does not use: " + t));
        topics.forEach((name, spec) -> {
            if (spec.path("replicas").asInt() != replicas) {
                problems.add(name + ": replicas " + spec.path("replicas") + ", not " + replicas);
            }
            if (spec.path("config").path(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).asInt() != minInSyncReplicas) {
                problems.add(name + ": min.insync.replicas " + spec.path("config").path("min.insync.replicas")
                        + ", not " + minInSyncReplicas);
            }
            spec.path("config").fieldNames().forEachRemaining(key -> {
                if (!TOPIC_CONFIGS.contains(key)) {
                    problems.add(name + ": Kafka has no topic setting " + key);
                }
            });
        });
        for (StreamsInternalTopics.SubTopology sub : StreamsInternalTopics.all()) {
            int tasks = sub.inputs().stream().filter(topics::containsKey)
                    .mapToInt(t -> topics.get(t).path("partitions").asInt()).max().orElse(0);
            sub.changelogs().stream().filter(topics::containsKey).forEach(changelog -> {
                int partitions = topics.get(changelog).path("partitions").asInt();
                if (partitions != tasks) {
                    problems.add(changelog + " has " + partitions + " partitions, its sub-topology's input "
                            + sub.inputs() + " has " + tasks);
                }
            });
        }
        return problems;
    }

    @Test
    void theDedupeChangelogKeepsEntriesAsLongAsIntakesDedupeWindowAndADay() {
        Duration ttl = IntakeConfig.load(null, Map.of()).dedupeTtl();
        JsonNode changelog = Manifests.get(Manifests.base(), "KafkaTopic",
                "clayflow-intake-intake-dedupe-store-changelog").path("spec").path("config");

        assertThat(changelog.path(TopicConfig.CLEANUP_POLICY_CONFIG).asText()).isEqualTo("compact,delete");
        assertThat(changelog.path(TopicConfig.RETENTION_MS_CONFIG).asLong())
                .isGreaterThanOrEqualTo(ttl.plusDays(1).toMillis());
    }

    /** The code's topics, and the Connect worker's topics as its KafkaConnect names them. */
    private static Set<String> expectedTopics(List<ObjectNode> objects) {
        Set<String> expected = CodeTopics.all();
        for (ObjectNode connect : Manifests.ofKind(objects, "KafkaConnect")) {
            for (String field : List.of("configStorageTopic", "offsetStorageTopic", "statusStorageTopic")) {
                expected.add(connect.path("spec").path(field).asText());
            }
        }
        return expected;
    }

    private static Set<String> topicConfigNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
