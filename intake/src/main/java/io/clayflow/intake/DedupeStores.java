package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dedupe task's stores, by name: acceptances (a window store, retention the dedupe TTL), the enrichment cache
 * (a window store, retention the longer of the dedupe and cache TTLs, so that an enrichment of the last acceptance
 * is always found) and the held touches (a key-value store). All changelogged.
 */
record DedupeStores(String accepted, String cache, String held) {

    static final DedupeStores DEFAULT = new DedupeStores(StateStores.Intake.DEDUPE,
            StateStores.Intake.ENRICHMENT_CACHE, StateStores.Intake.CACHE_HELD);

    List<StoreBuilder<?>> builders(Duration dedupeTtl, EnrichmentCacheSettings cacheSettings) {
        Duration cacheRetention = cacheSettings.ttl().compareTo(dedupeTtl) > 0 ? cacheSettings.ttl() : dedupeTtl;
        return List.of(
                Stores.windowStoreBuilder(
                                // Retention is the TTL; the window size only has to fit in it.
                                Stores.persistentWindowStore(accepted, dedupeTtl, Duration.ofMillis(1), false),
                                Serdes.String(), Serdes.Long())
                        .withLoggingEnabled(Map.of()),
                Stores.<String, EnrichedLead>windowStoreBuilder(
                                Stores.persistentWindowStore(cache, cacheRetention, Duration.ofMillis(1), false),
                                Serdes.String(), new InternalEnrichedLeadSerde())
                        .withLoggingEnabled(Map.of()),
                Stores.<String, Lead>keyValueStoreBuilder(Stores.persistentKeyValueStore(held), Serdes.String(),
                                new InternalLeadSerde())
                        .withLoggingEnabled(Map.of()));
    }

    /** The stores as a dedupe task uses them. */
    record InTask(WindowStore<String, Long> accepted, WindowStore<String, EnrichedLead> cache, HeldTouches held) {
    }

    /** The stores of the task {@code context} belongs to. */
    InTask open(ProcessorContext<?, ?> context) {
        return new InTask(context.getStateStore(accepted), context.getStateStore(cache),
                new HeldTouches(context.getStateStore(held)));
    }

    String[] names() {
        return new String[] {accepted, cache, held};
    }
}
