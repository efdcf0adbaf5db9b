package io.clayflow.connect.hubspot;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.LeadSources;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a routed lead into a contact input: a lead that came from a HubSpot contact ({@code source = crm-event}, the
 * record id in {@code source_id}) is written back onto that contact by id, with or without an email; any other is
 * upserted by the first configured email field with a value (lower-cased, as HubSpot compares emails). Each mapped
 * value that is present becomes a property as text (times as epoch milliseconds, which HubSpot's datetime properties
 * take); absent values are left out, so a write never blanks what HubSpot already holds. The enriched-at property,
 * when configured, gets the write's time: the HubSpot source recognises its own write-back by it.
 */
final class ContactMapper {

    private final FieldMapping mapping;
    private final Optional<String> leadIdProperty;
    private final List<String> emailFields;
    private final Optional<String> enrichedAtProperty;
    private final Clock clock;

    ContactMapper(FieldMapping mapping, Optional<String> leadIdProperty, List<String> emailFields) {
        this(mapping, leadIdProperty, emailFields, Optional.empty(), Clock.systemUTC());
    }

    ContactMapper(FieldMapping mapping, Optional<String> leadIdProperty, List<String> emailFields,
                  Optional<String> enrichedAtProperty, Clock clock) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.leadIdProperty = Objects.requireNonNull(leadIdProperty, "leadIdProperty");
        this.emailFields = List.copyOf(emailFields);
        this.enrichedAtProperty = Objects.requireNonNull(enrichedAtProperty, "enrichedAtProperty");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static ContactMapper from(HubSpotSinkConfig config) {
        return new ContactMapper(config.mapping(), config.leadIdProperty(), config.emailFields(),
                config.enrichedAtProperty(), Clock.systemUTC());
    }

    /** @throws UnmappableLeadException when the lead has neither a contact id to write back to nor an email */
    ContactInput map(SinkRecord record, EnrichedLead lead) {
        Optional<String> contactId = contactId(lead);
        if (contactId.isPresent()) {
            return new ContactInput(record, null, contactId.get(), properties(lead));
        }
        String email = emailFields.stream().map(field -> text(lead.get(field)))
                .filter(value -> value != null && !value.isBlank()).findFirst()
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UnmappableLeadException("lead " + lead.getLeadId() + " has no "
                        + String.join(" or ", emailFields) + ": HubSpot upserts contacts by email"));
        Map<String, String> properties = properties(lead);
        properties.put("email", email);
        return new ContactInput(record, email, properties);
    }

    /** The HubSpot contact a lead came from: a crm-event lead's source_id, when it is a record id. */
    private static Optional<String> contactId(EnrichedLead lead) {
        String sourceId = lead.getSourceId();
        if (LeadSources.CRM_EVENT.equals(lead.getSource()) && sourceId != null && sourceId.trim().matches("[0-9]+")) {
            return Optional.of(sourceId.trim());
        }
        return Optional.empty();
    }

    private Map<String, String> properties(EnrichedLead lead) {
        Map<String, String> properties = new LinkedHashMap<>();
        mapping.sourceToProperty().forEach((source, property) -> {
            String value = value(lead, source);
            if (value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        });
        leadIdProperty.ifPresent(property -> properties.put(property, lead.getLeadId()));
        enrichedAtProperty.ifPresent(property -> properties.put(property, Long.toString(clock.millis())));
        return properties;
    }

    private static String value(EnrichedLead lead, String source) {
        if (source.startsWith(FieldMapping.ENRICHMENT)) {
            return lead.getEnrichment().get(source.substring(FieldMapping.ENRICHMENT.length()));
        }
        if (source.startsWith(FieldMapping.ATTRIBUTES)) {
            return lead.getAttributes().get(source.substring(FieldMapping.ATTRIBUTES.length()));
        }
        return text(lead.get(source));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return Long.toString(instant.toEpochMilli());
        }
        return value.toString();
    }

    /** A lead that cannot become a contact; its message is the dead letter's reason. */
    static final class UnmappableLeadException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnmappableLeadException(String message) {
            super(message);
        }
    }
}
