package io.clayflow.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@ClayflowIntegrationTest
class LeadRoundTripIT {

    @Test
    void aLeadRoundTripsThroughARealBrokerInTheConfluentWireFormat(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        kafka.createTopic(Topics.LEADS_RAW, 3);
        Lead lead = TestLeads.ada();

        Map<String, Object> producerProps = kafka.producerProps();
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
        producerProps.put("schema.registry.url", registry.url());
        RecordMetadata sent;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps)) {
            sent = producer.send(new ProducerRecord<>(Topics.LEADS_RAW, lead.getLeadId(), lead)).get();
        }

        ConsumerRecord<String, byte[]> consumed = consumeOne(kafka, Topics.LEADS_RAW);
        byte[] payload = consumed.value();
        int registeredId = latestIdOf(registry, Topics.valueSubject(Topics.LEADS_RAW));

        assertThat(consumed.key()).isEqualTo("lead-ada");
        assertThat(consumed.partition()).isEqualTo(sent.partition());
        assertThat(payload[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(payload, 1, 4).getInt()).as("schema id").isEqualTo(registeredId);

        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(TestLeads.serdeConfig(registry.url(), Map.of("specific.avro.reader", true)), false);
            assertThat(deserializer.deserialize(Topics.LEADS_RAW, payload)).isInstanceOf(Lead.class).isEqualTo(lead);
        }
    }

    private static ConsumerRecord<String, byte[]> consumeOne(KafkaBroker kafka, String topic) {
        Map<String, Object> props = kafka.consumerProps("round-trip-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
        throw new AssertionError("No record arrived on " + topic + " within 30 s");
    }

    /** Asks the registry directly, over plain HTTP, which id it gave the subject's latest schema. */
    private static int latestIdOf(SchemaRegistryServer registry, String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions/latest")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.path("subject").asText()).isEqualTo(subject);
        return answer.path("id").asInt();
    }
}
