package io.clayflow.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.clayflow.schemas.EnrichedLead;

/**
 * Turns the JSON a Clay HTTP API column sends into an {@link EnrichedLead}: mapped columns fill fields, every other
 * column goes into {@code enrichment} as text, {@code enriched_at} is the receive time. Clay has already enriched and
 * billed the row, so a value that cannot be read as its field's type is not a refusal: the field stays empty, its raw
 * text goes into {@code enrichment} under its column's name and the field is named in {@code unreadable_fields}
 * ({@link CallbackFields}). Only a callback that cannot be matched to a lead (no usable {@code lead_id}, a body that
 * is not an object) is refused, with a 422 naming why.
 */
record CallbackMapper(ColumnMapping columns, String defaultSource) {

    CallbackMapper {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(defaultSource, "defaultSource");
    }

    /** A mapped callback; {@code occurredAtDefaulted} when the row had no readable occurred_at and the receive time stands in. */
    record Mapped(EnrichedLead lead, boolean occurredAtDefaulted) {
    }

    Mapped map(JsonNode body, Instant receivedAt) {
        FieldReader reader = new FieldReader();
        if (!body.isObject()) {
            reader.error("", "must be a JSON object of Clay columns, not " + FieldReader.kind(body));
            throw ApiError.invalid(reader.errors()).asException();
        }
        CallbackFields fields = new CallbackFields(columns);
        Map<String, String> enrichment = new TreeMap<>();
        body.properties().forEach(entry -> columns.fieldOf(entry.getKey()).ifPresentOrElse(
                field -> fields.add(field, entry.getKey(), entry.getValue()),
                () -> {
                    if (!entry.getValue().isNull()) {
                        enrichment.put(entry.getKey(), StrictJson.text(entry.getValue()));
                    }
                }));
        String leadId = leadId(fields, reader);
        if (!reader.errors().isEmpty()) {
            throw ApiError.invalid(reader.errors()).asException();
        }
        EnrichedLead.Builder lead = EnrichedLead.newBuilder()
                .setLeadId(leadId)
                .setEmail(text(fields, "email"))
                .setFirstName(text(fields, "first_name"))
                .setLastName(text(fields, "last_name"))
                .setCompanyName(text(fields, "company_name"))
                .setCompanyDomain(text(fields, "company_domain"))
                .setTitle(text(fields, "title"))
                .setLinkedinUrl(text(fields, "linkedin_url"))
                .setPhone(text(fields, "phone"))
                .setSourceId(text(fields, "source_id"))
                .setWorkEmail(text(fields, "work_email"))
                .setSeniority(text(fields, "seniority"))
                .setCompanySize(text(fields, "company_size"))
                .setIndustry(text(fields, "industry"))
                .setCountry(text(fields, "country"))
                .setIcpScore(fields.read("icp_score", FieldReader::optionalScore, null))
                .setOccurredAt(fields.read("occurred_at", (r, node, at) -> r.instant(node, at, receivedAt), receivedAt))
                .setAttributes(fields.read("attributes", FieldReader::stringMap, new TreeMap<>()))
                .setEnrichedAt(receivedAt);
        CostColumns.apply(fields, lead);
        String source = text(fields, "source");
        lead.setSource(source == null ? defaultSource : source);
        // An explicit enrichment object merges with the unmapped columns; a column of the same name wins, and the
        // raw value of an unreadable field wins over both (it is the only copy of what Clay sent).
        Map<String, String> merged = fields.read("enrichment", FieldReader::stringMap, new TreeMap<>());
        merged.putAll(enrichment);
        merged.putAll(fields.raw());
        lead.setEnrichment(merged);
        lead.setUnreadableFields(fields.unreadable());
        JsonNode occurredAt = fields.node("occurred_at");
        return new Mapped(lead.build(), occurredAt == null || occurredAt.isNull()
                || fields.isUnreadable("occurred_at"));
    }

    /** The one usable lead_id, or null with the reason recorded: a callback without one matches no lead. */
    private static String leadId(CallbackFields fields, FieldReader reader) {
        if (fields.columnsOf("lead_id").size() > 1) {
            reader.error(fields.pointer("lead_id"), "fills 'lead_id', which columns "
                    + fields.columnsOf("lead_id") + " all fill: the callback matches no one lead");
            return null;
        }
        return reader.requiredId(fields.node("lead_id"), fields.pointer("lead_id"));
    }

    private static String text(CallbackFields fields, String field) {
        return fields.read(field, FieldReader::optionalText, null);
    }
}
