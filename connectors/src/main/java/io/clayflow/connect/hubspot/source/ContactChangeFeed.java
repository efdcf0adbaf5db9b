package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.schemas.ContactChange;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The webhook path: reads {@link ContactChange}s the gateway published (committed ones only), and turns the contacts
 * they name into contacts read whole, 100 at a time through HubSpot's batch read, with, for each, the position in the
 * changes topic to store as its lead's source offset. The position lives in the connector's offsets (not a consumer
 * group), so it is written with the leads; changes read but not yet turned into contacts (HubSpot unavailable) are
 * kept and asked for again. A contact named several times in one read is read once.
 */
final class ContactChangeFeed implements AutoCloseable {

    static final String TOPIC = "changes-topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";

    /** A contact read for a change, and the source partition and offset its lead carries. */
    record ReadContact(CrmContact contact, Map<String, Object> partition, Map<String, Object> offset) {
    }

    /** The contacts read for the first {@code changes} pending changes; hand it to {@link #done} once handed over. */
    record Batch(List<ReadContact> contacts, int changes) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final KafkaAvroDeserializer deserializer;
    private final String topic;
    private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();

    ContactChangeFeed(Consumer<byte[], byte[]> consumer, KafkaAvroDeserializer deserializer, String topic,
                      OffsetStorageReader offsets) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.topic = Objects.requireNonNull(topic, "topic");
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            Map<String, Object> stored = offsets.offset(sourcePartition(partition.partition()));
            if (stored != null && stored.get(OFFSET) instanceof Number next) {
                consumer.seek(partition, next.longValue());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    static ContactChangeFeed create(HubSpotSourceConfig config, Map<String, String> props,
                                    OffsetStorageReader offsets) {
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.changesBootstrapServers());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ContactSearch.MAX_BATCH_READ);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        Map<String, Object> serde = new HashMap<>(props);
        serde.put("specific.avro.reader", true);
        deserializer.configure(serde, false);
        return new ContactChangeFeed(new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), deserializer, config.changesTopic(), offsets);
    }

    Map<String, Object> sourcePartition(int partition) {
        return Map.of(TOPIC, topic, PARTITION, partition);
    }

    /**
     * The contacts the next changes name, read whole, in the order of their changes; empty when no change came. The
     * changes stay pending until {@link #done}: a call before it reads the same contacts again.
     *
     * @throws UnavailableException HubSpot could not be asked
     */
    Batch next(ContactSearch search) throws UnavailableException {
        if (pending.isEmpty()) {
            consumer.poll(Duration.ofMillis(200)).forEach(pending::add);
        }
        if (pending.isEmpty()) {
            return new Batch(List.of(), 0);
        }
        // The last change naming each contact decides where its lead stands in the topic.
        Map<Long, ConsumerRecord<byte[], byte[]>> byContact = new LinkedHashMap<>();
        int taken = 0;
        for (ConsumerRecord<byte[], byte[]> record : pending) {
            long contactId = ((ContactChange) deserializer.deserialize(topic, record.value())).getContactId();
            if (!byContact.containsKey(contactId) && byContact.size() == ContactSearch.MAX_BATCH_READ) {
                break;
            }
            byContact.remove(contactId);
            byContact.put(contactId, record);
            taken++;
        }
        Map<Long, CrmContact> read = new HashMap<>();
        search.read(byContact.keySet()).forEach(contact -> read.put(contact.id(), contact));
        List<ReadContact> contacts = new ArrayList<>();
        byContact.forEach((id, record) -> {
            CrmContact contact = read.get(id);
            if (contact != null) {
                contacts.add(new ReadContact(contact, sourcePartition(record.partition()),
                        Map.of(OFFSET, record.offset() + 1)));
            }
        });
        return new Batch(contacts, taken);
    }

    /** The changes of a batch became records: they are not asked for again. */
    void done(Batch batch) {
        pending.subList(0, batch.changes()).clear();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        deserializer.close();
    }
}
