package io.clayflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules, one behaviour per test, on a TopologyTestDriver with the wall clock advanced by hand. */
class ClayLedgerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> sent;
    private TestInputTopic<String, byte[]> callbacks;
    private TestInputTopic<String, byte[]> resends;
    private TestOutputTopic<String, byte[]> dlq;
    private TestOutputTopic<String, byte[]> outbox;
    private TestOutputTopic<String, String> summary;

    @BeforeEach
    void start() throws IOException {
        Map<String, String> props = new HashMap<>(ClayLedgerConfig.LOADER.defaults());
        props.put(ClayLedgerConfig.CALLBACK_TIMEOUT, "PT30M");
        props.put(ClayLedgerConfig.CALLBACK_TIMEOUT_TABLES, "slow=PT2H");
        props.put(ClayLedgerConfig.CHECK_INTERVAL, "PT10S");
        ClayLedgerConfig config = ClayLedgerConfig.LOADER.resolve(props);
        Properties streams = config.streamsProperties();
        streams.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ledger-ttd").toString());
        driver = new TopologyTestDriver(ClayLedgerTopology.buildTopology(config, CallbackCutoff.wallClock()), streams,
                T0);
        sent = driver.createInputTopic(Topics.LEADS_CLAY_SENT, new StringSerializer(), new ByteArraySerializer());
        callbacks = driver.createInputTopic(Topics.LEADS_ENRICHED, new StringSerializer(), new ByteArraySerializer());
        resends = driver.createInputTopic(Topics.CLAY_RESEND_REQUESTS, new StringSerializer(),
                new ByteArraySerializer());
        dlq = driver.createOutputTopic(Topics.LEADS_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
        outbox = driver.createOutputTopic(Topics.LEADS_CLAY_OUTBOX, new StringDeserializer(),
                new ByteArrayDeserializer());
        summary = driver.createOutputTopic(Topics.CLAY_LEDGER_SUMMARY, new StringDeserializer(),
                new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCallbackInTimeClosesTheRowAndNothingIsDeadLettered() {
        send("lead-1", "main", T0);
        callback("lead-1", T0.plusSeconds(5));

        advance(Duration.ofMinutes(31));

        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(latestSummary("main")).isEqualTo(new ClayLedger.Summary(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRepeatServedFromIntakesCacheIsNoCallbackAndLeavesTheRowOpen() {
        send("lead-1", "main", T0);
        RecordHeaders cacheHit = new RecordHeaders();
        cacheHit.add(EnrichmentSources.HEADER, EnrichmentSources.CACHE.getBytes(StandardCharsets.UTF_8));
        callbacks.pipeInput(new TestRecord<>("lead-1", "served from the cache".getBytes(StandardCharsets.UTF_8),
                cacheHit, T0.plusSeconds(5)));

        advance(Duration.ofMinutes(31));

        assertThat(dlq.readRecordsToList()).extracting(TestRecord::key).containsExactly("lead-1");
    }

    @Test
    void aRowWithoutCallbackIsDeadLetteredOnceAfterItsTimeoutWithTheLeadTableWebhookAndSendTime() {
        send("lead-1", "main", T0);

        advance(Duration.ofMinutes(29));
        assertThat(dlq.readRecordsToList()).as("before the timeout").isEmpty();
        advance(Duration.ofMinutes(2));
        advance(Duration.ofMinutes(10));

        List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<String, byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo("lead-1");
        assertThat(letter.value()).isEqualTo(lead("lead-1"));
        assertThat(header(letter.headers(), DeadLetterHeaders.STAGE)).isEqualTo(Stage.CLAY.wireName());
        assertThat(header(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo(ClayLedger.REASON_CALLBACK_OVERDUE);
        assertThat(header(letter.headers(), ClayLedger.Headers.TABLE)).isEqualTo("main");
        assertThat(header(letter.headers(), ClayLedger.Headers.WEBHOOK)).isEqualTo("hook-hash");
        assertThat(header(letter.headers(), ClayLedger.Headers.SENT_AT)).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(header(letter.headers(), DeadLetterHeaders.TOPIC)).as("dlq replay must skip it").isNull();
        assertThat(latestSummary("main")).isEqualTo(new ClayLedger.Summary(1, 1, T0.toEpochMilli(), 1, 0, 0));
    }

    @Test
    void aTableWithItsOwnTimeoutWaitsThatLong() {
        send("lead-slow", "slow", T0);
        send("lead-main", "main", T0);

        advance(Duration.ofMinutes(31));

        assertThat(dlq.readKeyValuesToMap()).containsOnlyKeys("lead-main");
        advance(Duration.ofMinutes(90));
        assertThat(dlq.readKeyValuesToMap()).containsOnlyKeys("lead-slow");
    }

    @Test
    void aLateCallbackClosesTheOverdueRowAndIsCountedLate() {
        send("lead-1", "main", T0);
        advance(Duration.ofMinutes(31));
        assertThat(dlq.readRecordsToList()).hasSize(1);

        callback("lead-1", T0.plus(Duration.ofMinutes(40)));
        advance(Duration.ofSeconds(10));

        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(latestSummary("main")).isEqualTo(new ClayLedger.Summary(0, 0, 0, 1, 1, 0));
    }

    @Test
    void aCallbackBeforeItsSentRecordClosesTheRowOnArrival() {
        callback("lead-1", T0);
        send("lead-1", "main", T0);

        advance(Duration.ofMinutes(45));

        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(latestSummary("main").open()).isZero();
    }

    @Test
    void aResendRequestPutsOnlyStillOverdueRowsBackOnTheOutbox() {
        send("lead-late", "main", T0);
        send("lead-lost", "main", T0);
        send("lead-other", "other", T0);
        advance(Duration.ofMinutes(31));
        assertThat(dlq.readKeyValuesToMap()).containsOnlyKeys("lead-late", "lead-lost", "lead-other");
        callback("lead-late", T0.plus(Duration.ofMinutes(32)));

        resends.pipeInput("main", new byte[0]);

        List<TestRecord<String, byte[]>> resent = outbox.readRecordsToList();
        assertThat(resent).extracting(TestRecord::key).containsExactly("lead-lost");
        assertThat(resent.get(0).value()).isEqualTo(lead("lead-lost"));
        assertThat(header(resent.get(0).headers(), ClayLedger.Headers.RESEND_OF))
                .isEqualTo(Long.toString(T0.toEpochMilli()));
        resends.pipeInput("main", new byte[0]);
        assertThat(outbox.readRecordsToList()).as("a second request re-sends nothing already re-sent").isEmpty();
        advance(Duration.ofSeconds(10));
        assertThat(latestSummary("main")).isEqualTo(new ClayLedger.Summary(1, 0, T0.toEpochMilli(), 2, 1, 1));
    }

    @Test
    void aCallbackAfterTheResendClosesTheRowAndTheResentRowsSentRecord() {
        send("lead-1", "main", T0);
        advance(Duration.ofMinutes(31));
        dlq.readRecordsToList();
        resends.pipeInput(ClayLedger.ALL_TABLES, new byte[0]);
        assertThat(outbox.readRecordsToList()).hasSize(1);

        callback("lead-1", T0.plus(Duration.ofMinutes(32))); // the first send's callback, late
        send("lead-1", "main", T0.plus(Duration.ofMinutes(33))); // the re-sent row, taken by Clay
        advance(Duration.ofMinutes(40));

        assertThat(dlq.readRecordsToList()).as("nothing is overdue twice").isEmpty();
        assertThat(latestSummary("main").open()).isZero();
    }

    @Test
    void theGaugesPerTableCountOverdueLateAndResentRows() {
        send("lead-1", "main", T0);
        send("lead-2", "main", T0);
        advance(Duration.ofMinutes(31));
        callback("lead-1", T0.plus(Duration.ofMinutes(35)));
        resends.pipeInput("main", new byte[0]);
        advance(Duration.ofSeconds(10));

        assertThat(gauge("became-overdue", "main")).isEqualTo(2.0);
        assertThat(gauge("called-back-late", "main")).isEqualTo(1.0);
        assertThat(gauge("resent", "main")).isEqualTo(1.0);
        assertThat(gauge("open", "main")).isEqualTo(1.0);
        assertThat(gauge("overdue", "main")).as("the re-sent row waits anew").isZero();
    }

    private double gauge(String name, String table) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(LedgerMetrics.GROUP) && e.getKey().name().equals(name)
                        && table.equals(e.getKey().tags().get("table")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private void send(String leadId, String table, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ClayLedger.Headers.TABLE, table.getBytes(StandardCharsets.UTF_8));
        headers.add(ClayLedger.Headers.WEBHOOK, "hook-hash".getBytes(StandardCharsets.UTF_8));
        headers.add(ClayLedger.Headers.SENT_AT, Long.toString(at.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        sent.pipeInput(new TestRecord<>(leadId, lead(leadId), headers, at));
    }

    private void callback(String leadId, Instant at) {
        callbacks.pipeInput(new TestRecord<>(leadId, ("enriched " + leadId).getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), at));
    }

    private void advance(Duration by) {
        // Punctuations fire once per advance: step by the check interval so every check runs.
        for (Duration step = Duration.ZERO; step.compareTo(by) < 0; step = step.plusSeconds(10)) {
            driver.advanceWallClockTime(Duration.ofSeconds(10));
        }
    }

    private ClayLedger.Summary latestSummary(String table) {
        Map<String, String> latest = summary.readKeyValuesToMap();
        return ClayLedger.Summary.decode(latest.get(ClayLedger.summaryKey(table, 0)));
    }

    private static byte[] lead(String leadId) {
        return ("avro bytes of " + leadId).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
