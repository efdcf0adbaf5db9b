package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A repeat served from the enrichment cache, as it goes to {@code leads.enriched}: the cached enrichment with the
 * touch's own fields, and the header {@value EnrichmentSources#HEADER}: {@value EnrichmentSources#CACHE}, so a reader
 * that does not decode the record (the Clay ledger) knows it is not a Clay callback. The touch's own headers are not
 * carried over.
 */
final class CacheHitRecord implements FixedKeyProcessor<String, PersonEvent, EnrichedLead> {

    private static final byte[] CACHE = EnrichmentSources.CACHE.getBytes(StandardCharsets.UTF_8);

    private FixedKeyProcessorContext<String, EnrichedLead> context;

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedLead> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, PersonEvent> record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EnrichmentSources.HEADER, CACHE);
        context.forward(record.withValue(((PersonEvent.Enrichment) record.value()).lead()).withHeaders(headers));
    }
}
