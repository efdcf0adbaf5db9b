package io.clayflow.connect.clay;

import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The "sent" records of the Clay round-trip ledger: one per row Clay accepted (2xx), keyed by {@code lead_id}, the
 * value the outbox record's bytes as they were, headers naming the table, the webhook (by the hash of its URL, never
 * the URL) and when Clay took it ({@link ClayLedger}). They are written in the same Kafka transaction as the sink's
 * progress ({@link ClayProgress#taken}), so a row is recorded as sent exactly when it is recorded as taken: a crash
 * neither loses a sent record nor writes one for a row that is sent again.
 */
final class ClaySentLog {

    /** Where the sent records go; empty records nothing (the ledger then sees no row). */
    static final String TOPIC = "clay.sent.topic";


    private final String topic;
    private final Function<URI, String> tableOf;
    private final Clock clock;

    /** @param tableOf the Clay table a webhook feeds ({@link ClayLedger#DEFAULT_TABLE} while tables have no names) */
    ClaySentLog(String topic, Function<URI, String> tableOf, Clock clock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.tableOf = Objects.requireNonNull(tableOf, "tableOf");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Clay ledger").define(TOPIC, Type.STRING, Topics.LEADS_CLAY_SENT, Importance.MEDIUM,
                "Sent-rows topic",
                "Topic of one record per row Clay accepted (2xx), written in the transaction of the sink's state: "
                        + "what the Clay ledger awaits callbacks for. Created, if missing, with as many partitions "
                        + "as leads.enriched. Empty: nothing is recorded.");
    }

    /** The log the configuration asks for, its topic created if missing; empty when the setting is empty. */
    static Optional<ClaySentLog> create(String topic, Map<String, Object> clientProps) {
        return create(topic, clientProps, webhook -> ClayLedger.DEFAULT_TABLE);
    }

    /** @param tableOf the name of the Clay table a webhook feeds ({@code clay.tables}, or the implicit table's) */
    static Optional<ClaySentLog> create(String topic, Map<String, Object> clientProps, Function<URI, String> tableOf) {
        if (topic == null || topic.isBlank()) {
            return Optional.empty();
        }
        ensureTopic(topic.strip(), clientProps);
        return Optional.of(new ClaySentLog(topic.strip(), tableOf, Clock.systemUTC()));
    }

    /** One sent record per row of a batch Clay took from {@code webhook}. */
    List<ProducerRecord<String, byte[]>> records(URI webhook, List<ClayRow> batch) {
        String sentAt = Long.toString(clock.millis());
        byte[] table = tableOf.apply(webhook).getBytes(StandardCharsets.UTF_8);
        byte[] webhookId = WebhookQuota.key(webhook).getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
        for (ClayRow row : batch) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(ClayLedger.Headers.TABLE, table);
            headers.add(ClayLedger.Headers.WEBHOOK, webhookId);
            headers.add(ClayLedger.Headers.SENT_AT, sentAt.getBytes(StandardCharsets.UTF_8));
            byte[] value = row.record().value() instanceof byte[] bytes ? bytes : row.json();
            records.add(new ProducerRecord<>(topic, null, null, row.leadId(), value, headers));
        }
        return records;
    }

    /** Creates the topic with as many partitions as leads.enriched (the ledger joins them by partition). */
    private static void ensureTopic(String topic, Map<String, Object> clientProps) {
        MissingTopic.create(topic, "the Clay sent-rows topic", clientProps,
                admin -> new NewTopic(topic, partitionsOf(admin, Topics.LEADS_ENRICHED), Optional.empty()));
    }

    /** The partitions of {@code topic}, or empty (the broker's default) when it does not exist. */
    private static Optional<Integer> partitionsOf(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(MissingTopic.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
