package io.clayflow.gateway;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.clayflow.schemas.EnrichedLead;

/**
 * Turns the JSON a Clay HTTP API column sends into an {@link EnrichedLead}: mapped columns fill fields, every other
 * column goes into {@code enrichment} as text, {@code enriched_at} is the receive time. Bad fields fail with one 422
 * naming them all.
 */
final class CallbackMapper {

    private final ColumnMapping columns;
    private final String defaultSource;

    CallbackMapper(ColumnMapping columns, String defaultSource) {
        this.columns = Objects.requireNonNull(columns, "columns");
        this.defaultSource = Objects.requireNonNull(defaultSource, "defaultSource");
    }

    /** A mapped callback; {@code occurredAtDefaulted} when the row had no occurred_at and the receive time stands in. */
    record Mapped(EnrichedLead lead, boolean occurredAtDefaulted) {
    }

    Mapped map(JsonNode body, Instant receivedAt) {
        FieldReader reader = new FieldReader();
        if (!body.isObject()) {
            reader.error("", "must be a JSON object of Clay columns, not " + FieldReader.kind(body));
            throw ApiError.invalid(reader.errors()).asException();
        }
        Map<String, JsonNode> fields = new HashMap<>();
        Map<String, String> fieldColumn = new HashMap<>();
        Map<String, String> enrichment = new TreeMap<>();
        body.properties().forEach(entry -> {
            String column = entry.getKey();
            JsonNode value = entry.getValue();
            columns.fieldOf(column).ifPresentOrElse(field -> {
                if (fields.put(field, value) != null) {
                    reader.error("/" + FieldReader.escape(column), "fills '" + field + "', which column '"
                            + fieldColumn.get(field) + "' fills too");
                }
                fieldColumn.put(field, column);
            }, () -> {
                if (!value.isNull()) {
                    enrichment.put(column, StrictJson.text(value));
                }
            });
        });
        java.util.function.Function<String, String> at = f -> "/" + FieldReader.escape(fieldColumn.getOrDefault(f, columns.columnFor(f)));
        EnrichedLead.Builder lead = EnrichedLead.newBuilder()
                .setLeadId(Objects.requireNonNullElse(reader.requiredId(fields.get("lead_id"), at.apply("lead_id")), ""))
                .setEmail(reader.optionalText(fields.get("email"), at.apply("email")))
                .setFirstName(reader.optionalText(fields.get("first_name"), at.apply("first_name")))
                .setLastName(reader.optionalText(fields.get("last_name"), at.apply("last_name")))
                .setCompanyName(reader.optionalText(fields.get("company_name"), at.apply("company_name")))
                .setCompanyDomain(reader.optionalText(fields.get("company_domain"), at.apply("company_domain")))
                .setTitle(reader.optionalText(fields.get("title"), at.apply("title")))
                .setLinkedinUrl(reader.optionalText(fields.get("linkedin_url"), at.apply("linkedin_url")))
                .setPhone(reader.optionalText(fields.get("phone"), at.apply("phone")))
                .setSourceId(reader.optionalText(fields.get("source_id"), at.apply("source_id")))
                .setWorkEmail(reader.optionalText(fields.get("work_email"), at.apply("work_email")))
                .setSeniority(reader.optionalText(fields.get("seniority"), at.apply("seniority")))
                .setCompanySize(reader.optionalText(fields.get("company_size"), at.apply("company_size")))
                .setIndustry(reader.optionalText(fields.get("industry"), at.apply("industry")))
                .setCountry(reader.optionalText(fields.get("country"), at.apply("country")))
                .setIcpScore(reader.optionalScore(fields.get("icp_score"), at.apply("icp_score")))
                .setOccurredAt(reader.instant(fields.get("occurred_at"), at.apply("occurred_at"), receivedAt))
                .setAttributes(reader.stringMap(fields.get("attributes"), at.apply("attributes")))
                .setEnrichedAt(receivedAt);
        String source = reader.optionalText(fields.get("source"), at.apply("source"));
        lead.setSource(source == null ? defaultSource : source);
        // An explicit enrichment object merges with the unmapped columns; a column of the same name wins.
        Map<String, String> merged = reader.stringMap(fields.get("enrichment"), at.apply("enrichment"));
        merged.putAll(enrichment);
        CostColumns.apply(fields, fieldColumn, lead, merged);
        lead.setEnrichment(merged);
        if (!reader.errors().isEmpty()) {
            throw ApiError.invalid(reader.errors()).asException();
        }
        JsonNode occurredAt = fields.get("occurred_at");
        return new Mapped(lead.build(), occurredAt == null || occurredAt.isNull());
    }
}
