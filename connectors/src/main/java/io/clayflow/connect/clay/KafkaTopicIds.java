package io.clayflow.connect.clay;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Topic ids from the cluster, through an Admin client made for the lookup and closed after it. */
final class KafkaTopicIds implements TopicIds {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicIds.class);
    private static final long TIMEOUT_MS = 30_000;

    private final Map<String, Object> clientProps;

    KafkaTopicIds(Map<String, Object> clientProps) {
        this.clientProps = Map.copyOf(Objects.requireNonNull(clientProps, "clientProps"));
    }

    @Override
    public Map<String, String> of(Collection<String> topics) {
        Map<String, String> ids = new HashMap<>();
        try (Admin admin = Admin.create(clientProps)) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                    new DescribeTopicsOptions().timeoutMs((int) TIMEOUT_MS)).topicNameValues();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
                try {
                    TopicDescription description = topic.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    ids.put(topic.getKey(), description.topicId().toString());
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("Cannot look up the id of topic {} ({}): rows Clay took are matched by its name only",
                            topic.getKey(), e.getCause() == null ? e : e.getCause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }
}
