package io.clayflow.connect.hubspot;

import io.clayflow.schemas.EnrichedLead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Which lead value goes into which HubSpot contact property: entries {@code source:property}, where the source is an
 * {@code EnrichedLead} field ({@code title}), an enrichment column ({@code enrichment.employee_count}) or a source
 * attribute ({@code attributes.utm_campaign}).
 */
record FieldMapping(Map<String, String> sourceToProperty) {

    static final String ENRICHMENT = "enrichment.";
    static final String ATTRIBUTES = "attributes.";
    // Maps are reached through their entries; the email is the upsert key, not a mapped value.
    private static final Set<String> NOT_MAPPABLE = Set.of("enrichment", "attributes");

    FieldMapping {
        sourceToProperty = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceToProperty));
    }

    /**
     * @throws IllegalArgumentException naming the bad entry: not {@code source:property}, an unknown field, or two
     *                                  sources for one property
     */
    static FieldMapping parse(List<String> entries) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        for (MappingEntry entry : MappingEntry.parse(entries, "source")) {
            checkSource(entry.field());
            if (properties.contains(entry.property())) {
                throw new IllegalArgumentException("property '" + entry.property() + "' is mapped twice");
            }
            properties.add(entry.property());
            mapping.put(entry.field(), entry.property());
        }
        return new FieldMapping(mapping);
    }

    private static void checkSource(String source) {
        if (source.startsWith(ENRICHMENT) || source.startsWith(ATTRIBUTES)) {
            if (source.endsWith(".")) {
                throw new IllegalArgumentException("'" + source + "' names no entry");
            }
            return;
        }
        Schema.Field field = EnrichedLead.getClassSchema().getField(source);
        if (field == null || NOT_MAPPABLE.contains(source)) {
            throw new IllegalArgumentException("'" + source + "' is not an EnrichedLead field (use one of "
                    + EnrichedLead.getClassSchema().getFields().stream().map(Schema.Field::name)
                    .filter(name -> !NOT_MAPPABLE.contains(name)).toList()
                    + ", or enrichment.<column> / attributes.<key>)");
        }
    }
}
