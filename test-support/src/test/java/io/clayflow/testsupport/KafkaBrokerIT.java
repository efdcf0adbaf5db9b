package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@ClayflowIntegrationTest
class KafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static KafkaBroker brokerBeforeAll;

    private final KafkaBroker broker;

    KafkaBrokerIT(KafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    static void rememberTheBroker(KafkaBroker broker) {
        brokerBeforeAll = broker;
    }

    @Test
    void theSuiteSharesOneBrokerBetweenLifecycleMethodsConstructorsAndTests(KafkaBroker parameter) {
        assertThat(parameter).isSameAs(broker).isSameAs(brokerBeforeAll);
        assertThat(broker.bootstrapServers()).isNotBlank();
    }

    @Test
    void createsATopicWithThePartitionsAndConfigsAskedFor() throws Exception {
        broker.createTopic("broker-it.compacted", 3, Map.of("cleanup.policy", "compact"));

        try (Admin admin = Admin.create(broker.adminProps())) {
            TopicDescription topic = admin.describeTopics(List.of("broker-it.compacted")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("broker-it.compacted");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "broker-it.compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

            assertThat(topic.partitions()).hasSize(3);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void refusesToCreateATopicTwiceWithAMessageAboutTheSharedBroker() {
        broker.createTopic("broker-it.twice", 1);

        assertThatThrownBy(() -> broker.createTopic("broker-it.twice", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("shared by the whole test suite");
    }

    @Test
    void consumesWhatWasProducedWithKeysValuesAndHeaders() {
        broker.createTopic("broker-it.round-trip", 3);
        ProducerRecord<byte[], byte[]> withHeader = new ProducerRecord<>("broker-it.round-trip", bytes("lead-3"),
                bytes("three"));
        withHeader.headers().add("stage", bytes("intake"));

        broker.produce("broker-it.round-trip", "lead-1", bytes("one"));
        broker.produceAll(List.of(new ProducerRecord<>("broker-it.round-trip", bytes("lead-2"), bytes("two")),
                withHeader));

        List<ConsumerRecord<String, String>> records = broker.consume("broker-it.round-trip", 3, TIMEOUT,
                new StringDeserializer(), new StringDeserializer());
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        tuple("lead-1", "one"),
                        tuple("lead-2", "two"),
                        tuple("lead-3", "three"));
        ConsumerRecord<String, String> third = records.stream().filter(r -> r.key().equals("lead-3")).findFirst()
                .orElseThrow();
        assertThat(third.headers().lastHeader("stage").value()).isEqualTo(bytes("intake"));
    }

    @Test
    void aCommittedTransactionIsVisibleAndAnAbortedOneIsNot() {
        broker.createTopic("broker-it.transactions", 1);
        try (Producer<String, String> producer = new KafkaProducer<>(
                broker.transactionalProducerProps("broker-it-tx"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("broker-it.transactions", "a", "committed-1"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("broker-it.transactions", "b", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("broker-it.transactions", "c", "committed-2"));
            producer.commitTransaction();
        }

        // One partition, read in offset order: the aborted record sits between the two committed ones.
        List<ConsumerRecord<String, String>> records = broker.consume("broker-it.transactions", 2, TIMEOUT,
                new StringDeserializer(), new StringDeserializer());
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
    }

    @Test
    void consumingTooFewRecordsFailsWithAMessageNamingTopicAndCount() {
        broker.createTopic("broker-it.too-few", 1);
        broker.produce("broker-it.too-few", "only", bytes("one"));

        assertThatThrownBy(() -> broker.consume("broker-it.too-few", 2, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("at least 2 record(s) on topic 'broker-it.too-few'")
                .hasMessageContaining("but got 1")
                .hasMessageContaining("key=only");
    }

    @Test
    void consumingAMissingTopicFailsInsteadOfCreatingIt() {
        assertThatThrownBy(() -> broker.consume("broker-it.missing", 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("'broker-it.missing' does not exist");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
