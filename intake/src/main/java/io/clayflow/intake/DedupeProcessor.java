package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.streams.TaskMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Decides what each touch of a person costs, and keeps each person's latest Clay enrichment. Touches (from
 * {@code leads.raw}) and Clay's enrichments (from {@code leads.enriched}) arrive keyed by {@code lead_id}, a
 * function of the dedupe key, through one repartition topic, so everything about a person meets in this one task.
 *
 * <p>A touch of a person not accepted within the dedupe TTL is accepted: recorded in the dedupe store and forwarded
 * to the throttle (and so to Clay). A repeat touch, per {@link CachePolicy}: {@code drop} drops and counts it (forwarded as
 * {@link PersonEvent#dropped}, for the cost ledger alone);
 * otherwise, when the person's latest enrichment arrived after their last acceptance and is younger than
 * {@link EnrichmentCacheSettings#servedFor()}, it is published to {@code leads.enriched} with that enrichment
 * ({@link CachedTouch}); when it is older, the touch is accepted again (re-enriched); when none has arrived since the
 * acceptance, the person is in flight at Clay and the touch is held ({@link HeldTouches}) until the enrichment
 * arrives, then published, in the order held. A touch held longer than the hold limit (wall clock) is accepted, the
 * first row's callback presumed lost; the person's other held touches wait for that new row.
 *
 * <p>"Accepted" means accepted here, not sent out of the throttle: once this processor forwards a lead, the same
 * transaction puts it in the throttle's durable backlog, from which it is always sent. Marking it only when the
 * throttle sends it would let a second copy through while the first waits in the backlog and pay Clay twice. The
 * TTL therefore counts from acceptance. Stream time (the highest record timestamp the task has seen), not the
 * record's own timestamp, is the clock, so a back-dated copy (a CSV back-fill) is still compared with now.
 *
 * <p>Every store is changelogged and every output goes out in the same exactly-once transaction as the store
 * writes, so a restart resumes with the same acceptances, cache and held touches. The dedupe store and the cache
 * are window stores whose retention bounds them (segments older than it are dropped whole).
 */
final class DedupeProcessor implements Processor<String, PersonEvent, String, PersonEvent> {

    private final DedupeStores stores;
    private final long ttlMs;
    private final EnrichmentCacheSettings cache;
    private ProcessorContext<String, PersonEvent> context;
    private DedupeStores.InTask store;
    private TaskMetrics metrics;
    private Map<IntakeMetrics.Repeat, Sensor> repeats;

    DedupeProcessor(DedupeStores stores, Duration ttl, EnrichmentCacheSettings cache) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.ttlMs = ttl.toMillis();
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void init(ProcessorContext<String, PersonEvent> context) {
        this.context = context;
        this.store = stores.open(context);
        this.metrics = IntakeMetrics.of(context);
        this.repeats = IntakeMetrics.repeatCounters(metrics);
        Duration check = cache.holdMax().dividedBy(10);
        context.schedule(check.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : check,
                PunctuationType.WALL_CLOCK_TIME, this::sendExpiredHolds);
    }

    @Override
    public void process(Record<String, PersonEvent> record) {
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        if (record.value() instanceof PersonEvent.Touch touch) {
            touch(record, touch.lead(), now);
        } else if (record.value() instanceof PersonEvent.Enrichment enrichment) {
            enrichment(record, enrichment.lead(), now);
        } else {
            throw new IllegalStateException("A dropped touch never comes into the dedupe task: " + record.value());
        }
    }

    private void touch(Record<String, PersonEvent> record, Lead touch, long now) {
        Long lastAccepted = latest(store.accepted(), record.key(), now, ttlMs);
        if (lastAccepted == null) {
            accept(record, now);
            return;
        }
        if (cache.policy() == CachePolicy.DROP) {
            count(IntakeMetrics.Repeat.DUPLICATES_DROPPED);
            context.forward(record.withValue(new PersonEvent.Dropped(touch)));
            return;
        }
        Cached latest = latestEnrichment(record.key(), now);
        if (latest == null || latest.receivedAt() < lastAccepted) {
            long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(now);
            store.held().hold(record.key(), context.currentSystemTimeMs(), offset, touch);
            count(IntakeMetrics.Repeat.CACHE_HELD);
        } else if (now - latest.receivedAt() >= cache.servedFor().toMillis()) {
            count(IntakeMetrics.Repeat.CACHE_REENRICHED);
            accept(record, now);
        } else {
            publish(record.key(), latest.enrichment(), touch, record.timestamp());
        }
    }

    private void enrichment(Record<String, PersonEvent> record, EnrichedLead enriched, long now) {
        store.cache().put(record.key(), enriched, now);
        for (Lead touch : store.held().takeAll(record.key())) {
            publish(record.key(), enriched, touch, record.timestamp());
        }
    }

    private void accept(Record<String, PersonEvent> record, long now) {
        store.accepted().put(record.key(), now, now);
        context.forward(record);
    }

    private void publish(String leadId, EnrichedLead enrichment, Lead touch, long timestamp) {
        count(IntakeMetrics.Repeat.CACHE_SERVED);
        context.forward(new Record<>(leadId, new PersonEvent.Enrichment(CachedTouch.of(enrichment, touch)), timestamp));
    }

    private void sendExpiredHolds(long wallClockMs) {
        long now = context.currentStreamTimeMs();
        Map<String, List<HeldTouches.Held>> expired = store.held().heldSince(wallClockMs - cache.holdMax().toMillis());
        for (List<HeldTouches.Held> touches : expired.values()) {
            HeldTouches.Held first = touches.get(0);
            store.held().remove(first);
            count(IntakeMetrics.Repeat.CACHE_HOLDS_EXPIRED);
            accept(new Record<>(first.leadId(), new PersonEvent.Touch(first.touch()), now), now);
            // The person's other held touches now wait for the row just sent.
            for (HeldTouches.Held later : touches.subList(1, touches.size())) {
                store.held().remove(later);
                store.held().hold(later.leadId(), wallClockMs, later.offset(), later.touch());
            }
        }
    }

    private Cached latestEnrichment(String leadId, long now) {
        long retention = Math.max(ttlMs, cache.ttl().toMillis());
        try (WindowStoreIterator<EnrichedLead> newest = store.cache().backwardFetch(leadId,
                Math.max(0, now - retention + 1), now)) {
            if (!newest.hasNext()) {
                return null;
            }
            var entry = newest.next();
            return new Cached(entry.key, entry.value);
        }
    }

    private static <V> Long latest(WindowStore<String, V> store, String key, long now, long withinMs) {
        try (WindowStoreIterator<V> earlier = store.backwardFetch(key, Math.max(0, now - withinMs + 1), now)) {
            return earlier.hasNext() ? earlier.next().key : null;
        }
    }

    private void count(IntakeMetrics.Repeat repeat) {
        repeats.get(repeat).record();
    }

    /** A cached enrichment and the stream time it was received at. */
    private record Cached(long receivedAt, EnrichedLead enrichment) {
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
