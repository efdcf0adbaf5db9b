package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.AbstractStreamsApp;
import io.clayflow.streams.StreamsAppRunner;
import java.time.Instant;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake app as {@link StreamsAppRunner} runs it: {@link IntakeTopology#buildTopology} with its Avro serde, the
 * outbox serializer warmed up before the first release. {@code main} takes an optional properties file as its only
 * argument ({@code CLAYFLOW_INTAKE_*} environment variables override it) and runs until the JVM shuts down.
 */
public final class IntakeApp extends AbstractStreamsApp<IntakeConfig, SpecificAvroSerde<Lead>> {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeApp.class);

    public IntakeApp(IntakeConfig config) {
        super(config);
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppRunner.main(IntakeConfig.APP, args, (file, env) -> new IntakeApp(IntakeConfig.load(file, env)));
    }

    @Override
    protected SpecificAvroSerde<Lead> newSerde() {
        return new SpecificAvroSerde<>();
    }

    /** Builds with the serde of {@code leads.enriched} too (the cache reads it, cache hits are written with it). */
    @Override
    protected Topology buildTopology(IntakeConfig config, SpecificAvroSerde<Lead> leadSerde) {
        return IntakeTopology.buildTopology(config, leadSerde, configured(new SpecificAvroSerde<EnrichedLead>()));
    }

    /**
     * Registers (or looks up) the outbox schema before the first release. Otherwise the throttle's first burst waits
     * on that registry call while its token bucket keeps filling, and the next second sends more than the burst.
     */
    @Override
    public void beforeStart() {
        CostLedgerTopic.ensure(config());
        Lead probe = Lead.newBuilder().setLeadId("warm-up").setEmail("warm-up@clayflow.invalid").setSource("intake")
                .setOccurredAt(Instant.EPOCH).build();
        try {
            serde().serializer().serialize(Topics.LEADS_CLAY_OUTBOX, probe);
        } catch (RuntimeException e) {
            LOG.warn("Could not reach the schema registry before starting ({}); the first release will retry",
                    e.getMessage());
        }
    }
}
