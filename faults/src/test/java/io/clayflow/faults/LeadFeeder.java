package io.clayflow.faults;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces leads to {@code leads.raw} as an upstream service would (the real Avro serializer and registry, acks=all):
 * new people, copies of them spelled differently (which intake must drop as duplicates) and invalid leads (which it
 * must dead-letter), and remembers which unique valid people the broker acknowledged.
 */
final class LeadFeeder implements AutoCloseable {

    private static final Instant OCCURRED_AT = Instant.parse("2026-11-20T10:00:00Z");

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    private final Random random = new Random(20261127);
    private final Set<String> expectedEmails = new HashSet<>();
    private final String source;
    private int nextPerson;
    private int invalid;
    private int records;

    LeadFeeder(KafkaBroker kafka, String registryUrl, String source) {
        this.producer = new KafkaProducer<>(kafka.producerProps());
        this.serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        this.source = source;
    }

    /** The email of person {@code n}, as intake normalizes it (and as the warehouse holds it). */
    static String email(int n) {
        return "person." + n + "@company" + (n % 97) + ".io";
    }

    /**
     * Produces {@code people} new people, a copy of every {@code copyEvery}-th one (0: none) and {@code invalidCount}
     * invalid leads, shuffled, and waits for every ack.
     */
    void write(int people, int copyEvery, int invalidCount) {
        List<Lead> batch = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            int n = nextPerson++;
            added.add(email(n));
            batch.add(person(n, email(n), "p" + n));
            if (copyEvery > 0 && n % copyEvery == 0) {
                batch.add(person(n, "  " + email(n).toUpperCase(Locale.ROOT) + " ", "p" + n + "-copy"));
            }
        }
        for (int i = 0; i < invalidCount; i++) {
            int n = invalid++;
            batch.add(Lead.newBuilder().setSource(source).setSourceId("invalid-" + n).setOccurredAt(OCCURRED_AT)
                    .setEmail("invalid-" + n + "-at-nowhere").build());
        }
        Collections.shuffle(batch, random);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Lead lead : batch) {
            acks.add(producer.send(new ProducerRecord<>(Topics.LEADS_RAW,
                    lead.getSourceId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(Topics.LEADS_RAW, lead))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Could not produce to " + Topics.LEADS_RAW, e);
            }
        }
        expectedEmails.addAll(added);
        records += batch.size();
    }

    private Lead person(int n, String email, String sourceId) {
        return Lead.newBuilder().setSource(source).setSourceId(sourceId).setOccurredAt(OCCURRED_AT).setEmail(email)
                .setFirstName("First" + n).setLastName("Last" + n).setCompanyName("Company " + (n % 97))
                .setCompanyDomain("company" + (n % 97) + ".io").setTitle(n % 5 == 0 ? "VP Sales" : "Engineer")
                .build();
    }

    /** Every unique valid person acknowledged so far, by normalized email. */
    Set<String> expectedEmails() {
        return Set.copyOf(expectedEmails);
    }

    int invalidCount() {
        return invalid;
    }

    int records() {
        return records;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        serializer.close();
    }
}
