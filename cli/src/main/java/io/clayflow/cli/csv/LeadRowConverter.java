package io.clayflow.cli.csv;

import io.clayflow.intake.LeadValidator;
import io.clayflow.intake.RuleViolation;
import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a CSV row into a {@code Lead}, or refuses it with a reason: the wrong number of fields, an
 * {@code occurred_at} that is not a time, or the first intake rule it breaks. The rules are intake's own
 * {@link LeadValidator} with the shipped limits, so a row refused here would have been a dead letter there (an
 * intake run with other limits may still refuse a row this accepts).
 */
public final class LeadRowConverter {

    public static final String COLUMN_COUNT = "row.column_count";
    public static final String OCCURRED_AT_SYNTAX = "occurred_at.syntax";
    public static final String UNREADABLE = "csv.unreadable";

    private final CsvColumnMapping mapping;
    private final String defaultSource;
    private final Instant importedAt;
    private final LeadValidator validator;

    public LeadRowConverter(CsvColumnMapping mapping, String defaultSource, Instant importedAt, LeadValidator validator) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.defaultSource = Objects.requireNonNull(defaultSource, "defaultSource");
        this.importedAt = Objects.requireNonNull(importedAt, "importedAt");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    public LeadRow convert(long line, List<String> values) {
        if (values.size() != mapping.columns()) {
            return LeadRow.refused(line, COLUMN_COUNT, "the row has " + values.size() + " fields; the header has "
                    + mapping.columns() + " (an unquoted delimiter or a missing one?)");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Lead lead = Lead.newBuilder().setSource(defaultSource).setOccurredAt(importedAt).setAttributes(attributes)
                .build();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                continue;
            }
            CsvColumnMapping.Target target = mapping.target(i);
            if (target instanceof CsvColumnMapping.Attribute attribute) {
                attributes.put(attribute.key(), value.strip());
            } else if (target instanceof CsvColumnMapping.Field field) {
                if (field.name().equals(CsvColumnMapping.OCCURRED_AT)) {
                    Optional<Instant> when = instant(value.strip());
                    if (when.isEmpty()) {
                        return LeadRow.refused(line, OCCURRED_AT_SYNTAX, "occurred_at '" + value.strip()
                                + "' is not a time (ISO-8601 such as 2026-11-20T10:00:00Z, a date, or epoch millis)");
                    }
                    lead.setOccurredAt(when.get());
                } else {
                    lead.put(field.name(), value);
                }
            }
        }
        List<RuleViolation> violations = validator.violations(lead);
        if (!violations.isEmpty()) {
            return LeadRow.refused(line, violations.get(0).rule(), violations.get(0).message());
        }
        return LeadRow.accepted(line, lead);
    }

    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        if (text.matches("\\d{10,13}")) {
            long number = Long.parseLong(text);
            return Optional.of(text.length() <= 10 ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number));
        }
        return Optional.empty();
    }
}
