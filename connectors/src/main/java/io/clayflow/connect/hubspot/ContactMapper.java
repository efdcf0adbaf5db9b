package io.clayflow.connect.hubspot;

import io.clayflow.schemas.EnrichedLead;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a routed lead into a contact input: the upsert key is the first configured email field with a value
 * (lower-cased, as HubSpot compares emails), and each mapped value that is present becomes a property as text (times
 * as epoch milliseconds, which HubSpot's datetime properties take). Absent values are left out, so an upsert never
 * blanks what HubSpot already holds.
 */
final class ContactMapper {

    private final FieldMapping mapping;
    private final Optional<String> leadIdProperty;
    private final List<String> emailFields;

    ContactMapper(FieldMapping mapping, Optional<String> leadIdProperty, List<String> emailFields) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.leadIdProperty = Objects.requireNonNull(leadIdProperty, "leadIdProperty");
        this.emailFields = List.copyOf(emailFields);
    }

    static ContactMapper from(HubSpotSinkConfig config) {
        return new ContactMapper(config.mapping(), config.leadIdProperty(), config.emailFields());
    }

    /** @throws UnmappableLeadException when the lead has no email to upsert by */
    ContactInput map(SinkRecord record, EnrichedLead lead) {
        String email = emailFields.stream().map(field -> text(lead.get(field)))
                .filter(value -> value != null && !value.isBlank()).findFirst()
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UnmappableLeadException("lead " + lead.getLeadId() + " has no "
                        + String.join(" or ", emailFields) + ": HubSpot upserts contacts by email"));
        Map<String, String> properties = new LinkedHashMap<>();
        mapping.sourceToProperty().forEach((source, property) -> {
            String value = value(lead, source);
            if (value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        });
        leadIdProperty.ifPresent(property -> properties.put(property, lead.getLeadId()));
        properties.put("email", email);
        return new ContactInput(record, email, properties);
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
