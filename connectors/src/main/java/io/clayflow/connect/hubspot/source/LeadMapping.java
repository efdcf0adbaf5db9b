package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.hubspot.MappingEntry;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.LeadSources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which contact property fills which lead field: entries {@code field:property}, as the HubSpot sink's mapping reads
 * (there {@code source:property}), where the field is a {@link Lead} field or {@code attributes.<key>}. A contact
 * becomes a lead with {@code source = crm-event}, its record id in {@code source_id}, and its
 * {@code lastmodifieddate} as {@code occurred_at}.
 */
record LeadMapping(Map<String, String> fieldToProperty) {

    static final String ATTRIBUTES = "attributes.";
    // Set by the source itself, never from a property.
    private static final Set<String> RESERVED = Set.of("lead_id", "source", "source_id", "occurred_at", "attributes");

    LeadMapping {
        fieldToProperty = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldToProperty));
    }

    /** @throws IllegalArgumentException naming the bad entry */
    static LeadMapping parse(List<String> entries) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (MappingEntry entry : MappingEntry.parse(entries, "field")) {
            String field = entry.field();
            if (field.startsWith(ATTRIBUTES) ? field.length() == ATTRIBUTES.length()
                    : Lead.getClassSchema().getField(field) == null || RESERVED.contains(field)) {
                List<String> fields = new ArrayList<>();
                Lead.getClassSchema().getFields().stream().map(f -> f.name()).filter(n -> !RESERVED.contains(n))
                        .forEach(fields::add);
                throw new IllegalArgumentException("'" + field + "' is not a Lead field the source may fill (use "
                        + "one of " + fields + ", or attributes.<key>)");
            }
            if (mapping.put(field, entry.property()) != null) {
                throw new IllegalArgumentException("field '" + field + "' is mapped twice");
            }
        }
        return new LeadMapping(mapping);
    }

    /** The contact properties a search must return. */
    List<String> properties() {
        return List.copyOf(new java.util.LinkedHashSet<>(fieldToProperty.values()));
    }

    Lead toLead(CrmContact contact) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        fieldToProperty.forEach((field, property) -> {
            String value = contact.property(property);
            if (value != null && !value.isBlank()) {
                if (field.startsWith(ATTRIBUTES)) {
                    attributes.put(field.substring(ATTRIBUTES.length()), value);
                } else {
                    fields.put(field, value);
                }
            }
        });
        Lead lead = Lead.newBuilder().setSource(LeadSources.CRM_EVENT).setSourceId(Long.toString(contact.id()))
                .setOccurredAt(Instant.ofEpochMilli(contact.lastModifiedMs())).setAttributes(attributes).build();
        fields.forEach(lead::put);
        return lead;
    }
}
