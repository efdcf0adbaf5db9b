package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.DeadLetter;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * 10,000 leads through the intake app on a real broker and registry, exactly-once: 7,000 people, 3,000 copies of
 * them in other spellings (case, whitespace, LinkedIn URL variants), plus invalid leads and poison bytes. Exactly
 * one lead per person reaches the outbox; every invalid and poison record is in the DLQ, bytes untouched.
 */
@ClayflowIntegrationTest
class IntakeDedupeIT {

    private static final int PEOPLE = 7_000;
    private static final int COPIES = 3_000;
    private static final Instant OCCURRED_AT = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void exactlyTheUniqueValidLeadsReachTheOutboxAndPoisonGoesToTheDlq(KafkaBroker kafka,
                                                                        SchemaRegistryServer registry)
            throws Exception {
        kafka.createTopic(Topics.LEADS_RAW, 3);
        kafka.createTopic(Topics.LEADS_ENRICHED, 3);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, 3);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger

        List<Lead> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(person(i));
        }
        Random random = new Random(42);
        List<Lead> input = new ArrayList<>(people);
        for (int i = 0; i < COPIES; i++) {
            int who = random.nextInt(PEOPLE);
            input.add(copyOf(who, people.get(who), random.nextInt(3)));
        }
        java.util.Collections.shuffle(input, random);

        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(serdeConfig, false);
            for (Lead lead : input) {
                records.add(new ProducerRecord<>(Topics.LEADS_RAW, null, serializer.serialize(Topics.LEADS_RAW, lead)));
            }
            for (Lead invalid : invalidLeads()) {
                records.add(new ProducerRecord<>(Topics.LEADS_RAW, bytes("invalid"),
                        serializer.serialize(Topics.LEADS_RAW, invalid)));
            }
            byte[] valid = serializer.serialize(Topics.LEADS_RAW, person(0));
            for (byte[] poison : poison(valid)) {
                records.add(new ProducerRecord<>(Topics.LEADS_RAW, bytes("poison"), poison));
            }
        }
        kafka.produceAll(records);

        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(IntakeConfig.APPLICATION_ID, "intake-dedupe-it");
        props.put(IntakeConfig.THROTTLE_RATE_PER_SECOND, "1000000");
        props.put(IntakeConfig.THROTTLE_BURST, "1000000");
        props.put(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "1000000000");
        props.put("streams.state.dir", Files.createTempDirectory("intake-dedupe-it").toString());
        props.put("streams.commit.interval.ms", "200");
        props.put("streams.num.standby.replicas", "0");
        IntakeConfig config = new IntakeConfig(props);

        List<ConsumerRecord<String, Lead>> outbox;
        List<ConsumerRecord<byte[], byte[]>> dlq;
        try (SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>()) {
            serde.configure(config.serdeConfigs(), false);
            try (KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde),
                    config.streamsProperties())) {
                streams.start();
                outbox = kafka.consume(Topics.LEADS_CLAY_OUTBOX, PEOPLE, Duration.ofSeconds(120),
                        new StringDeserializer(), serde.deserializer());
                dlq = kafka.consume(Topics.LEADS_DLQ, invalidLeads().size() + poison(new byte[20]).size(),
                        Duration.ofSeconds(30));
                streams.close(Duration.ofSeconds(30));
            }
            // Read again once the app has stopped: a duplicate committed late would show here.
            outbox = kafka.consume(Topics.LEADS_CLAY_OUTBOX, PEOPLE, Duration.ofSeconds(30),
                    new StringDeserializer(), serde.deserializer());
        }

        // Exactly one lead per person, whatever spelling arrived first.
        assertThat(outbox).hasSize(PEOPLE);
        Set<String> ids = outbox.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(ids).hasSize(PEOPLE);
        assertThat(outbox).allSatisfy(record -> assertThat(record.value().getLeadId()).isEqualTo(record.key()));
        Set<String> identities = outbox.stream().map(record -> identity(record.value())).collect(Collectors.toSet());
        Set<String> expected = people.stream().map(IntakeDedupeIT::identity).collect(Collectors.toSet());
        assertThat(identities).isEqualTo(expected);

        // Every refused record is in the DLQ with its reason and where it came from; poison bytes untouched.
        assertThat(dlq).hasSize(invalidLeads().size() + poison(new byte[20]).size());
        Map<String, Long> byStage = dlq.stream().collect(Collectors.groupingBy(
                record -> DeadLetter.header(record.headers(), DeadLetterHeaders.STAGE), Collectors.counting()));
        assertThat(byStage).containsOnlyKeys("intake.decode", Stage.INTAKE_VALIDATE.wireName())
                .containsEntry(Stage.INTAKE_VALIDATE.wireName(), (long) invalidLeads().size())
                .containsEntry("intake.decode", (long) poison(new byte[20]).size());
        assertThat(dlq).allSatisfy(record -> {
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.REASON)).isNotBlank();
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_RAW);
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.PARTITION)).isNotBlank();
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.OFFSET)).isNotBlank();
        });
        Set<String> reasons = dlq.stream().map(record -> DeadLetter.header(record.headers(), DeadLetterHeaders.REASON))
                .collect(Collectors.toSet());
        assertThat(reasons).contains("decode.magic_byte", "decode.unknown_schema_id", "identity.missing",
                "email.syntax");
        List<String> poisonSent = poison(validBytesOf(records)).stream().map(Arrays::toString).toList();
        List<String> poisonDeadLettered = dlq.stream()
                .filter(record -> "intake.decode".equals(DeadLetter.header(record.headers(), DeadLetterHeaders.STAGE)))
                .map(record -> Arrays.toString(record.value())).toList();
        assertThat(poisonDeadLettered).containsExactlyInAnyOrderElementsOf(poisonSent);
    }

    /** Person i: 80% known by email, 10% by LinkedIn URL only, 10% by name at a company domain only. */
    private static Lead person(int i) {
        Lead.Builder lead = Lead.newBuilder().setSource("dedupe-it").setSourceId("p" + i).setOccurredAt(OCCURRED_AT)
                .setFirstName("First" + i).setLastName("Last" + i);
        switch (i % 10) {
            case 8 -> lead.setLinkedinUrl("https://www.linkedin.com/in/handle-" + i);
            case 9 -> lead.setCompanyDomain("corp" + i + ".io");
            default -> lead.setEmail("first" + i + ".last@company" + (i % 50) + ".com")
                    .setCompanyDomain("company" + (i % 50) + ".com");
        }
        return lead.build();
    }

    /** The same person spelled another way, as a second source would send them. */
    private static Lead copyOf(int i, Lead original, int variant) {
        Lead.Builder copy = Lead.newBuilder(original).setSource("second-source").setSourceId("copy-" + i);
        switch (i % 10) {
            case 8 -> copy.setLinkedinUrl(switch (variant) {
                case 0 -> "http://linkedin.com/in/handle-" + i + "/";
                case 1 -> "https://www.linkedin.com/in/Handle-" + i + "?trk=public_profile";
                default -> "  https://www.linkedin.com/in/handle-" + i + "  ";
            });
            case 9 -> copy.setFirstName("  First" + i + " ").setLastName(variant == 0 ? "LAST" + i : "Last" + i)
                    .setCompanyDomain(variant == 1 ? "WWW.Corp" + i + ".io" : "corp" + i + ".io");
            default -> copy.setEmail(switch (variant) {
                case 0 -> original.getEmail().toUpperCase(java.util.Locale.ROOT);
                case 1 -> "  " + original.getEmail() + "\t";
                default -> " First" + original.getEmail().substring(5);
            });
        }
        return copy.build();
    }

    /** Who a person is, independent of the app's code: what the test made them from. */
    private static String identity(Lead lead) {
        return lead.getSourceId() != null && lead.getSourceId().startsWith("copy-")
                ? "p" + lead.getSourceId().substring("copy-".length()) : lead.getSourceId();
    }

    private static List<Lead> invalidLeads() {
        List<Lead> invalid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            invalid.add(Lead.newBuilder().setSource("dedupe-it").setOccurredAt(OCCURRED_AT).setFirstName("Nobody" + i)
                    .build());
            invalid.add(Lead.newBuilder().setSource("dedupe-it").setOccurredAt(OCCURRED_AT)
                    .setEmail("not-an-email-" + i).build());
        }
        return invalid;
    }

    /** Bytes that are not a valid record: wrong magic byte, unknown schema id, JSON, truncated Avro. */
    private static List<byte[]> poison(byte[] valid) {
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        byte[] unknownId = valid.clone();
        unknownId[1] = 0x7f;
        return List.of(wrongMagic, unknownId, bytes("{\"email\":\"json@acme.com\"}"),
                Arrays.copyOf(valid, valid.length - 6), new byte[] {0, 0});
    }

    private static byte[] validBytesOf(List<ProducerRecord<byte[], byte[]>> records) {
        return records.stream().filter(record -> Arrays.equals(record.key(), bytes("poison")))
                .findFirst().map(record -> {
                    byte[] fixed = record.value().clone();
                    fixed[0] = 0; // undo the wrong magic byte: the first poison record is the valid one altered
                    return fixed;
                }).orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
