package io.clayflow.cli.dlq;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ExitCodes;
import io.clayflow.status.DeadLetterInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends selected dead letters back to the topic they came from: the original key and value bytes, the original
 * headers without either convention's error headers, plus {@code clayflow.replay.of} / {@code clayflow.replay.at}.
 * Each replayed record and its {@link ReplayLog} entry are written in one transaction (a fixed transactional id, so
 * two replays at once fence each other instead of both sending); dead letters already in the log are skipped.
 */
public final class DeadLetterReplayer {

    /** What a replay did or, in a dry run, would do. */
    public record Outcome(List<DeadLetterEntry> replayed, List<DeadLetterEntry> alreadyReplayed,
            List<DeadLetterEntry> withoutOrigin) {
    }

    private static final int TRANSACTION_SIZE = 500;

    private final ReplayLog log;
    private final Clock clock;

    /** Replays onto the cluster of {@code log}, since each replay and its log entry are one transaction. */
    public DeadLetterReplayer(ReplayLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Replays {@code selected} (in the order given), or in a dry run only sorts them into what would happen. */
    public Outcome replay(List<DeadLetterEntry> selected, boolean dryRun) {
        if (!dryRun) {
            log.ensureTopic();
        }
        Set<String> done = log.replayed();
        List<DeadLetterEntry> toSend = new ArrayList<>();
        List<DeadLetterEntry> already = new ArrayList<>();
        List<DeadLetterEntry> withoutOrigin = new ArrayList<>();
        for (DeadLetterEntry entry : selected) {
            if (done.contains(entry.address())) {
                already.add(entry);
            } else if (entry.info().replayTopic().isEmpty()) {
                withoutOrigin.add(entry);
            } else {
                toSend.add(entry);
            }
        }
        if (!dryRun && !toSend.isEmpty()) {
            send(toSend);
        }
        return new Outcome(toSend, already, withoutOrigin);
    }

    private void send(List<DeadLetterEntry> entries) {
        Map<String, Object> props = log.cluster().producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clayflow-cli-dlq-replay-" + log.topic());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            for (int start = 0; start < entries.size(); start += TRANSACTION_SIZE) {
                List<DeadLetterEntry> chunk = entries.subList(start, Math.min(entries.size(), start + TRANSACTION_SIZE));
                producer.beginTransaction();
                Instant now = clock.instant();
                for (DeadLetterEntry entry : chunk) {
                    String target = entry.info().replayTopic().orElseThrow();
                    producer.send(replayRecord(entry, target, now));
                    producer.send(log.entryFor(entry, target, now));
                }
                producer.commitTransaction();
            }
        } catch (KafkaException e) {
            // An aborted or fenced transaction leaves neither records nor log entries behind: replaying again is safe.
            throw new CliException(ExitCodes.FAILED, "the replay failed and was rolled back ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); nothing of the failed batch was "
                    + "sent, so running it again is safe", e);
        }
    }

    static ProducerRecord<byte[], byte[]> replayRecord(DeadLetterEntry entry, String target, Instant now) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : entry.headers()) {
            if (!DeadLetterInfo.isErrorHeader(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(DeadLetterInfo.REPLAY_OF, entry.address().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterInfo.REPLAY_AT, now.toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(target, null, null, entry.key(), entry.value(), headers);
    }
}
