package io.clayflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends records for {@link KafkaBroker} and waits for every ack, so a test never races its own writes. */
final class TopicWriter {

    private final Map<String, Object> producerProps;

    TopicWriter(Map<String, Object> producerProps) {
        this.producerProps = Objects.requireNonNull(producerProps, "producerProps");
    }

    List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
        Objects.requireNonNull(records, "records");
        try (Producer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> metadata = new ArrayList<>(acks.size());
            for (int i = 0; i < acks.size(); i++) {
                metadata.add(await(acks.get(i), records.get(i)));
            }
            return metadata;
        }
    }

    private static RecordMetadata await(Future<RecordMetadata> ack, ProducerRecord<byte[], byte[]> record) {
        try {
            return ack.get(KafkaBroker.OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Producing to topic '" + record.topic() + "' failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No ack from topic '" + record.topic() + "' within "
                    + KafkaBroker.OPERATION_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to topic '" + record.topic() + "'", e);
        }
    }
}
