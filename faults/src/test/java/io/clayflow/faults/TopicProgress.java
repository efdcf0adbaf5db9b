package io.clayflow.faults;

import io.clayflow.testsupport.KafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far data has got, from the broker's end offsets: enough to pick the moment of a fault. (Under exactly-once the
 * offsets also count transaction markers and aborted records, so they are never used to prove a count.)
 */
final class TopicProgress {

    private final KafkaBroker kafka;

    TopicProgress(KafkaBroker kafka) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
    }

    /** The sum of the end offsets of the topic's partitions. */
    long endOffsets(String topic) throws Exception {
        Map<String, Object> props = kafka.adminProps();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
