package io.clayflow.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/** Creates topics for {@link KafkaBroker} and waits until producers and consumers can use them. */
final class TopicAdmin {

    private static final short REPLICATION_FACTOR = 1;

    private final Map<String, Object> adminProps;

    TopicAdmin(Map<String, Object> adminProps) {
        this.adminProps = Objects.requireNonNull(adminProps, "adminProps");
    }

    void create(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        try (Admin admin = Admin.create(adminProps)) {
            NewTopic topic = new NewTopic(name, partitions, REPLICATION_FACTOR).configs(configs);
            admin.createTopics(List.of(topic)).all().get(KafkaBroker.OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // The controller has committed the topic, but the broker's metadata cache can lag a little; a client that
            // asks in that window sees UNKNOWN_TOPIC_OR_PARTITION, so wait until every partition has a leader.
            Awaitility.await("every partition of topic '" + name + "' has a leader")
                    .atMost(KafkaBroker.OPERATION_TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> allPartitionsLed(admin, name, partitions));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new IllegalStateException("Topic '" + name + "' already exists: the broker is shared by the whole "
                        + "test suite, so give each test class its own topic names", e.getCause());
            }
            throw new IllegalStateException("Creating topic '" + name + "' failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topic '" + name + "' did not finish within "
                    + KafkaBroker.OPERATION_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic '" + name + "'", e);
        }
    }

    private static boolean allPartitionsLed(Admin admin, String name, int partitions) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(name)).topicNameValues().get(name)
                .get(KafkaBroker.OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return description.partitions().size() == partitions
                && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }
}
