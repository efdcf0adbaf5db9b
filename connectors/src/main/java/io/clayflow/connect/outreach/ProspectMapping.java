package io.clayflow.connect.outreach;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.schemas.EnrichedLead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Turns an {@link EnrichedLead} into an Outreach prospect: its email (the first configured email field that is set,
 * trimmed and lower-cased, as Outreach compares emails case-insensitively) and its attributes by the configured
 * {@code attribute=field} pairs. Unset fields are left out, so an update never blanks what Outreach already holds.
 */
public final class ProspectMapping {

    /** Outreach's prospect attributes that hold lists: a lead's single value is sent as a one-element list. */
    static final Set<String> LIST_ATTRIBUTES = Set.of("homePhones", "mobilePhones", "otherPhones", "voipPhones",
            "workPhones", "tags");

    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Schema LEAD = EnrichedLead.getClassSchema();

    private final List<String> emailFields;
    private final Map<String, String> attributeToField;

    private ProspectMapping(List<String> emailFields, Map<String, String> attributeToField) {
        this.emailFields = List.copyOf(emailFields);
        this.attributeToField = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeToField));
    }

    /** @throws ConfigException naming the key and the entry that is wrong */
    static ProspectMapping parse(List<String> emailFields, List<String> pairs) {
        List<String> emails = OutreachSinkConfig.trimmed(emailFields);
        if (emails.isEmpty()) {
            throw new ConfigException(OutreachSinkConfig.EMAIL_FIELDS, emailFields, "name at least one field");
        }
        for (String field : emails) {
            Schema.Field known = LEAD.getField(field);
            if (known == null || !isString(known.schema())) {
                throw new ConfigException(OutreachSinkConfig.EMAIL_FIELDS, emailFields,
                        "'" + field + "' is not a text field of EnrichedLead");
            }
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : OutreachSinkConfig.trimmed(pairs)) {
            int eq = pair.indexOf('=');
            String attribute = eq < 0 ? "" : pair.substring(0, eq).trim();
            String field = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!ATTRIBUTE.matcher(attribute).matches() || field.isEmpty()) {
                throw new ConfigException(OutreachSinkConfig.FIELD_MAPPING, pair,
                        "each entry is outreachAttribute=leadField, e.g. firstName=first_name");
            }
            if (attribute.equals("emails")) {
                throw new ConfigException(OutreachSinkConfig.FIELD_MAPPING, pair,
                        "emails comes from " + OutreachSinkConfig.EMAIL_FIELDS);
            }
            if (!isLeadField(field)) {
                throw new ConfigException(OutreachSinkConfig.FIELD_MAPPING, pair, "'" + field + "' is not an "
                        + "EnrichedLead field, enrichment.<column> or attributes.<key>");
            }
            if (mapping.put(attribute, field) != null) {
                throw new ConfigException(OutreachSinkConfig.FIELD_MAPPING, pair,
                        "attribute '" + attribute + "' is mapped twice");
            }
        }
        return new ProspectMapping(emails, mapping);
    }

    /** The prospect's email: the first configured field that is set. */
    public Optional<String> email(EnrichedLead lead) {
        for (String field : emailFields) {
            Object value = lead.get(field);
            if (value != null && !value.toString().isBlank()) {
                return Optional.of(value.toString().trim().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    public List<String> emailFields() {
        return emailFields;
    }

    /** The prospect's attributes (without {@code emails}), from the lead's fields that are set. */
    public ObjectNode attributes(EnrichedLead lead) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        attributeToField.forEach((attribute, field) -> value(lead, field).ifPresent(value -> {
            if (LIST_ATTRIBUTES.contains(attribute)) {
                attributes.putArray(attribute).add(value);
            } else {
                attributes.put(attribute, value);
            }
        }));
        return attributes;
    }

    private static Optional<String> value(EnrichedLead lead, String field) {
        Object value;
        if (field.startsWith("enrichment.")) {
            value = lookup(lead.getEnrichment(), field.substring("enrichment.".length()));
        } else if (field.startsWith("attributes.")) {
            value = lookup(lead.getAttributes(), field.substring("attributes.".length()));
        } else {
            value = lead.get(field);
        }
        if (value == null || value instanceof Map<?, ?> || value.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.toString().trim());
    }

    private static Object lookup(Map<String, String> map, String key) {
        return map == null ? null : map.get(key);
    }

    private static boolean isLeadField(String field) {
        if (field.startsWith("enrichment.") || field.startsWith("attributes.")) {
            return field.indexOf('.') < field.length() - 1;
        }
        return LEAD.getField(field) != null;
    }

    private static boolean isString(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> types = new ArrayList<>(schema.getTypes());
            return types.stream().anyMatch(ProspectMapping::isString);
        }
        return schema.getType() == Schema.Type.STRING;
    }
}
