package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stages;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The intake topology: {@code leads.raw} → validate → normalize → (repartition by {@code lead_id}) dedupe →
 * (repartition to one partition) throttle and credit budget → {@code leads.clay.outbox}. Records that do not decode
 * or break a rule go to {@code leads.dlq} through {@link IntakeDecodeHandler} and
 * {@link io.clayflow.streams.DeadLetterProcessingHandler}, which the app's Streams configuration installs.
 *
 * <p>Processor nodes are named after their stage ({@code intake.validate}, {@code intake.dedupe}, ...), which is
 * what a dead letter of an unexpected failure names; internal topics and stores have fixed names, so the layout
 * survives changes to the code.
 */
public final class IntakeTopology {

    /**
     * @deprecated the wire contract spells these: use {@link Stages} and {@link StateStores}. Kept only while the
     *     status page's {@code StatusCollector} still reads them here.
     */
    @Deprecated
    public static final String STAGE_DEDUPE = Stages.INTAKE_DEDUPE, STAGE_THROTTLE = Stages.INTAKE_THROTTLE,
            DEDUPE_REPARTITION = StateStores.INTAKE_DEDUPE_REPARTITION, DEDUPE_STORE = StateStores.INTAKE_DEDUPE,
            THROTTLE_STATE_STORE = StateStores.INTAKE_THROTTLE_STATE;

    private IntakeTopology() {
    }

    /**
     * The topology for a configuration: the app's entry point.
     *
     * @param leadSerde the configured Avro serde of {@code leads.raw} and {@code leads.clay.outbox} (Confluent wire
     *     format, schema registry); internal topics and stores use {@link InternalLeadSerde}
     */
    public static Topology buildTopology(IntakeConfig config, Serde<Lead> leadSerde) {
        SpecificAvroSerde<EnrichedLead> enrichedSerde = new SpecificAvroSerde<>();
        enrichedSerde.configure(config.serdeConfigs(), false);
        return build(new LeadValidator(config.validationLimits()), LeadNormalizer.from(config), config.dedupeTtl(),
                new TokenBucket(config.throttleRatePerSecond(), config.throttleBurst()), config.creditBudget(),
                config.punctuateInterval(), leadSerde, config.costEstimates(), enrichedSerde);
    }

    static Topology build(LeadValidator validator, LeadNormalizer normalizer, Duration dedupeTtl, TokenBucket bucket,
                          CreditBudget budget, Duration punctuateInterval, Serde<Lead> leadSerde,
                          CostEstimates costs, Serde<EnrichedLead> enrichedSerde) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(leadSerde, "leadSerde");
        Objects.requireNonNull(costs, "costs");
        Serde<Lead> internal = new InternalLeadSerde();
        Serde<CostEvent> costSerde = new CostEventSerde();
        StreamsBuilder builder = new StreamsBuilder();

        builder.addStateStore(dedupeStore(dedupeTtl));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StateStores.INTAKE_THROTTLE_BACKLOG), Serdes.Long(), internal)
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StateStores.INTAKE_THROTTLE_STATE), Serdes.String(),
                        Serdes.Long())
                // The fast path writes the bucket and budget per lead: the cache coalesces those writes into one
                // changelog record per key and commit (flushed before the commit, so exactly-once holds).
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));

        KStream<String, Lead> byLeadId = builder.stream(Topics.LEADS_RAW,
                        Consumed.with(Serdes.String(), leadSerde).withName("intake.source"))
                // A refused lead is thrown, not filtered: the processing handler then dead-letters the source
                // record's original bytes, which only the error-handler context can see.
                .mapValues(lead -> {
                    validator.firstViolation(lead).ifPresent(violation -> {
                        throw new LeadRejectedException(Stages.INTAKE_VALIDATE, violation);
                    });
                    return lead;
                }, Named.as(Stages.INTAKE_VALIDATE))
                .mapValues(normalizer::normalize, Named.as(Stages.INTAKE_NORMALIZE))
                // lead_id is a function of the dedupe key, so keying by it brings every copy of a person together.
                .selectKey((key, lead) -> lead.getLeadId(), Named.as("intake.key-by-lead-id"))
                .repartition(Repartitioned.with(Serdes.String(), internal)
                        .withName(StateStores.INTAKE_DEDUPE_REPARTITION));
        // Added before the dedupe on purpose: it must read the store before the dedupe writes (DuplicateCostProbe).
        byLeadId.process(() -> new DuplicateCostProbe(StateStores.INTAKE_DEDUPE, dedupeTtl, costs),
                        Named.as(Stages.INTAKE_COST_DUPLICATE), StateStores.INTAKE_DEDUPE)
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-saved"));
        KStream<String, Lead> released = byLeadId
                .process(() -> new DedupeProcessor(StateStores.INTAKE_DEDUPE, dedupeTtl),
                        Named.as(Stages.INTAKE_DEDUPE), StateStores.INTAKE_DEDUPE)
                .repartition(Repartitioned.with(Serdes.String(), internal)
                        .withName(StateStores.INTAKE_THROTTLE_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new ThrottleProcessor(StateStores.INTAKE_THROTTLE_BACKLOG,
                                StateStores.INTAKE_THROTTLE_STATE, bucket, budget, punctuateInterval),
                        Named.as(Stages.INTAKE_THROTTLE), StateStores.INTAKE_THROTTLE_BACKLOG,
                        StateStores.INTAKE_THROTTLE_STATE);
        released.to(Topics.LEADS_CLAY_OUTBOX, Produced.with(Serdes.String(), leadSerde).withName("intake.outbox"));
        released.processValues(() -> new EstimatedCostProcessor(costs), Named.as(Stages.INTAKE_COST_ESTIMATE))
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-estimated"));
        addActualCosts(builder, budget, costs, enrichedSerde, costSerde);
        return builder.build();
    }

    /**
     * Clay's actual figures, read from {@code leads.enriched} (subscribed by pattern, so intake starts before the
     * gateway has created the topic), moved to the throttle's one partition and booked there against the budget.
     */
    private static void addActualCosts(StreamsBuilder builder, CreditBudget budget, CostEstimates costs,
            Serde<EnrichedLead> enrichedSerde, Serde<CostEvent> costSerde) {
        builder.stream(Pattern.compile(Pattern.quote(Topics.LEADS_ENRICHED)),
                        Consumed.with(Serdes.String(), enrichedSerde).withName("intake.cost.enriched-source"))
                .flatMapValues(lead -> costs.actual(lead).stream().toList(), Named.as("intake.cost.read-actual"))
                .repartition(Repartitioned.with(Serdes.String(), costSerde)
                        .withName(StateStores.INTAKE_COST_ACTUALS_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new ActualCostProcessor(StateStores.INTAKE_THROTTLE_STATE, budget),
                        Named.as(Stages.INTAKE_COST_ACTUAL), StateStores.INTAKE_THROTTLE_STATE)
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-actual"));
    }

    private static Produced<String, CostEvent> toLedger(Serde<CostEvent> costSerde, String name) {
        return Produced.with(Serdes.String(), costSerde).withName(name);
    }

    /** The dedupe store: a changelogged RocksDB window store of accepted lead ids whose retention is the TTL. */
    static StoreBuilder<WindowStore<String, Long>> dedupeStore(Duration dedupeTtl) {
        return Stores.windowStoreBuilder(
                        // Retention is the TTL; the window size only has to fit in it.
                        Stores.persistentWindowStore(StateStores.INTAKE_DEDUPE, dedupeTtl, Duration.ofMillis(1),
                                false),
                        Serdes.String(), Serdes.Long())
                .withLoggingEnabled(Map.of());
    }
}
