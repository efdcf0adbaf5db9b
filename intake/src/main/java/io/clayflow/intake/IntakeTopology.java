package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stage;
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
 * The intake topology: {@code leads.raw} → validate → normalize → (repartition by {@code lead_id}, together with
 * Clay's enrichments from {@code leads.enriched}) dedupe and enrichment cache → either (repartition to one partition)
 * throttle and credit budget → {@code leads.clay.outbox}, or, for a repeat touch served from the cache,
 * {@code leads.enriched}. Records that do not decode
 * or break a rule go to {@code leads.dlq} through {@link IntakeDecodeHandler} and
 * {@link io.clayflow.streams.DeadLetterProcessingHandler}, which the app's Streams configuration installs.
 *
 * <p>Processor nodes are named after their stage ({@code intake.validate}, {@code intake.dedupe}, ...), which is
 * what a dead letter of an unexpected failure names; internal topics and stores have fixed names, so the layout
 * survives changes to the code.
 */
public final class IntakeTopology {

    /**
     * @deprecated the wire contract spells these: use {@link Stage} and {@link StateStores}. Kept only while the
     *     status page's {@code StatusCollector} still reads them here.
     */
    @Deprecated
    public static final String STAGE_DEDUPE = Stage.INTAKE_DEDUPE.wireName(),
            STAGE_THROTTLE = Stage.INTAKE_THROTTLE.wireName(),
            DEDUPE_REPARTITION = StateStores.Intake.DEDUPE_REPARTITION, DEDUPE_STORE = StateStores.Intake.DEDUPE,
            THROTTLE_STATE_STORE = StateStores.Intake.THROTTLE_STATE;

    private IntakeTopology() {
    }

    /**
     * The topology for a configuration: the app's entry point. The serde of {@code leads.enriched} (read for the
     * enrichment cache, written with cache hits) is made from the configuration's serde settings.
     *
     * @param leadSerde the configured Avro serde of {@code leads.raw} and {@code leads.clay.outbox} (Confluent wire
     *     format, schema registry); internal topics and stores use {@link InternalLeadSerde}
     */
    public static Topology buildTopology(IntakeConfig config, Serde<Lead> leadSerde) {
        return buildTopology(config, leadSerde, enrichedSerde(config));
    }

    /** As {@link #buildTopology(IntakeConfig, Serde)}, with the {@code leads.enriched} serde given (and owned). */
    public static Topology buildTopology(IntakeConfig config, Serde<Lead> leadSerde,
                                         Serde<EnrichedLead> enrichedSerde) {
        return build(new LeadValidator(config.validationLimits()), LeadNormalizer.from(config), config.dedupeTtl(),
                config.enrichmentCache(), config.tokenBucket(),
                config.creditBudget(), config.punctuateInterval(), leadSerde, config.costEstimates(), enrichedSerde);
    }

    /** A registry serde of {@code leads.enriched} configured like the app's lead serde. */
    public static Serde<EnrichedLead> enrichedSerde(IntakeConfig config) {
        SpecificAvroSerde<EnrichedLead> serde = new SpecificAvroSerde<>();
        serde.configure(config.serdeConfigs(), false);
        return serde;
    }

    static Topology build(LeadValidator validator, LeadNormalizer normalizer, Duration dedupeTtl,
                          EnrichmentCacheSettings cache, TokenBucket bucket, CreditBudget budget,
                          Duration punctuateInterval, Serde<Lead> leadSerde, CostEstimates costs,
                          Serde<EnrichedLead> enrichedSerde) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(leadSerde, "leadSerde");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(enrichedSerde, "enrichedSerde");
        Serde<Lead> internal = new InternalLeadSerde();
        Serde<CostEvent> costSerde = new CostEventSerde();
        StreamsBuilder builder = new StreamsBuilder();

        DedupeStores.DEFAULT.builders(dedupeTtl, cache).forEach(builder::addStateStore);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StateStores.Intake.THROTTLE_BACKLOG), Serdes.Long(), internal)
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StateStores.Intake.THROTTLE_STATE), Serdes.String(),
                        Serdes.Long())
                // The fast path writes the bucket and budget per lead: the cache coalesces those writes into one
                // changelog record per key and commit (flushed before the commit, so exactly-once holds).
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));

        KStream<String, PersonEvent> touches = builder.stream(Topics.LEADS_RAW,
                        Consumed.with(Serdes.String(), leadSerde).withName("intake.source"))
                // A refused lead is thrown, not filtered: the processing handler then dead-letters the source
                // record's original bytes, which only the error-handler context can see.
                .mapValues(lead -> {
                    validator.firstViolation(lead).ifPresent(violation -> {
                        throw new LeadRejectedException(Stage.INTAKE_VALIDATE.wireName(), violation);
                    });
                    return lead;
                }, Named.as(Stage.INTAKE_VALIDATE.wireName()))
                .mapValues(normalizer::normalize, Named.as(Stage.INTAKE_NORMALIZE.wireName()))
                // lead_id is a function of the dedupe key, so keying by it brings every copy of a person together.
                .selectKey((key, lead) -> lead.getLeadId(), Named.as("intake.key-by-lead-id"))
                .<PersonEvent>mapValues(PersonEvent.Touch::new, Named.as("intake.touch"));
        // leads.enriched by pattern, so intake starts before the gateway has created the topic. Clay's records (not
        // the cache's own, which this app wrote) join the touches before the repartition, so a person's touches and
        // enrichments meet in one task, in one order; Clay's cost figures go to the ledger (addActualCosts).
        KStream<String, EnrichedLead> fromClay = builder.stream(Pattern.compile(Pattern.quote(Topics.LEADS_ENRICHED)),
                        Consumed.with(Serdes.String(), new CostSourceSerde(enrichedSerde))
                                .withName("intake.enriched-source"))
                .filter((key, enriched) -> enriched != null
                        && !EnrichmentSources.CACHE.equals(enriched.getEnrichmentSource()),
                        Named.as("intake.enriched-by-clay"));
        addActualCosts(fromClay, budget, costs, costSerde);
        KStream<String, PersonEvent> enrichments = fromClay
                .selectKey((key, enriched) -> enriched.getLeadId(), Named.as("intake.key-enriched-by-lead-id"))
                .<PersonEvent>mapValues(PersonEvent.Enrichment::new, Named.as("intake.enrichment"));

        KStream<String, PersonEvent> byLeadId = touches.merge(enrichments, Named.as("intake.touches-and-enrichments"))
                .repartition(Repartitioned.with(Serdes.String(), new PersonEventSerde())
                        .withName(StateStores.Intake.DEDUPE_REPARTITION));
        KStream<String, PersonEvent> decided = byLeadId
                .process(() -> new DedupeProcessor(DedupeStores.DEFAULT, dedupeTtl, cache),
                        Named.as(Stage.INTAKE_DEDUPE.wireName()), DedupeStores.DEFAULT.names());
        decided.processValues(() -> CostBooking.saved(costs), Named.as(Stage.INTAKE_COST_DUPLICATE.wireName()))
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-saved"));

        decided.filter((key, event) -> event instanceof PersonEvent.Enrichment, Named.as("intake.served-from-cache"))
                .processValues(CacheHitRecord::new, Named.as("intake.cached-enrichment"))
                .to(Topics.LEADS_ENRICHED, Produced.with(Serdes.String(), enrichedSerde).withName("intake.cache-hits"));
        KStream<String, Lead> released = decided.filter((key, event) -> event instanceof PersonEvent.Touch,
                        Named.as("intake.accepted"))
                .mapValues(event -> ((PersonEvent.Touch) event).lead(), Named.as("intake.accepted-lead"))
                .repartition(Repartitioned.with(Serdes.String(), internal)
                        .withName(StateStores.Intake.THROTTLE_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new ThrottleProcessor(bucket, budget, punctuateInterval),
                        Named.as(Stage.INTAKE_THROTTLE.wireName()), StateStores.Intake.THROTTLE_BACKLOG,
                        StateStores.Intake.THROTTLE_STATE);
        released.to(Topics.LEADS_CLAY_OUTBOX, Produced.with(Serdes.String(), leadSerde).withName("intake.outbox"));
        released.processValues(() -> CostBooking.estimated(costs), Named.as(Stage.INTAKE_COST_ESTIMATE.wireName()))
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-estimated"));
        return builder.build();
    }

    /**
     * Clay's actual figures, from Clay's records on {@code leads.enriched} (a cache hit cost nothing), moved to the
     * throttle's one partition and booked there against the budget.
     */
    private static void addActualCosts(KStream<String, EnrichedLead> fromClay, CreditBudget budget,
            CostEstimates costs, Serde<CostEvent> costSerde) {
        fromClay.flatMapValues(lead -> costs.actual(lead).stream().toList(), Named.as("intake.cost.read-actual"))
                .repartition(Repartitioned.with(Serdes.String(), costSerde)
                        .withName(StateStores.Intake.COST_ACTUALS_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new ActualCostProcessor(budget),
                        Named.as(Stage.INTAKE_COST_ACTUAL.wireName()), StateStores.Intake.THROTTLE_STATE)
                .to(Topics.COST_EVENTS, toLedger(costSerde, "intake.cost.ledger-actual"));
    }

    private static Produced<String, CostEvent> toLedger(Serde<CostEvent> costSerde, String name) {
        return Produced.with(Serdes.String(), costSerde).withName(name);
    }

    /** The dedupe store: a changelogged RocksDB window store of accepted lead ids whose retention is the TTL. */
    @SuppressWarnings("unchecked")
    static StoreBuilder<WindowStore<String, Long>> dedupeStore(Duration dedupeTtl) {
        return (StoreBuilder<WindowStore<String, Long>>) DedupeStores.DEFAULT
                .builders(dedupeTtl, EnrichmentCacheSettings.drop(dedupeTtl)).get(0);
    }
}
