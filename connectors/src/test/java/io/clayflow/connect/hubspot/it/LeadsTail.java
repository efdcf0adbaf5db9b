package io.clayflow.connect.hubspot.it;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Follows a leads topic from its start (committed records only), decoding each value as a {@link Lead}. */
final class LeadsTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    private final String topic;
    private final List<Lead> leads = new ArrayList<>();

    LeadsTail(KafkaBroker kafka, String registryUrl, String topic, int partitions) {
        this.topic = topic;
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        deserializer.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
    }

    /** Every lead read so far, after one more short poll. */
    List<Lead> leads() {
        consumer.poll(Duration.ofMillis(100))
                .forEach(record -> leads.add((Lead) deserializer.deserialize(topic, record.value())));
        return List.copyOf(leads);
    }

    int count() {
        return leads().size();
    }

    @Override
    public void close() {
        consumer.close();
        deserializer.close();
    }
}
