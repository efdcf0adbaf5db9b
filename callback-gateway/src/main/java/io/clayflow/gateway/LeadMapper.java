package io.clayflow.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.clayflow.schemas.Lead;

/**
 * Turns the body of {@code POST /v1/leads} (one lead object, or an array of at most {@code maxBatch}) into
 * {@link Lead}s. All or nothing: one bad lead refuses the whole request with a 422 naming every bad field.
 */
final class LeadMapper {

    static final Set<String> FIELDS = Set.of("lead_id", "email", "first_name", "last_name", "company_name",
            "company_domain", "title", "linkedin_url", "phone", "source", "source_id", "occurred_at", "attributes");

    private final int maxBatch;

    LeadMapper(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    List<Lead> map(JsonNode body, Instant receivedAt) {
        FieldReader reader = new FieldReader();
        List<Lead> leads = new ArrayList<>();
        if (body.isObject()) {
            leads.add(lead(body, "", reader, receivedAt));
        } else if (body.isArray()) {
            if (body.isEmpty()) {
                reader.error("", "must hold at least one lead");
            } else if (body.size() > maxBatch) {
                reader.error("", "must hold at most " + maxBatch + " leads, not " + body.size());
            } else {
                for (int i = 0; i < body.size(); i++) {
                    JsonNode item = body.get(i);
                    if (item.isObject()) {
                        leads.add(lead(item, "/" + i, reader, receivedAt));
                    } else {
                        reader.error("/" + i, "must be a lead object, not " + FieldReader.kind(item));
                    }
                }
            }
        } else {
            reader.error("", "must be a lead object or an array of them, not " + FieldReader.kind(body));
        }
        if (!reader.errors().isEmpty()) {
            throw ApiError.invalid(reader.errors()).asException();
        }
        return leads;
    }

    private static Lead lead(JsonNode node, String at, FieldReader reader, Instant receivedAt) {
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                reader.error(at + "/" + FieldReader.escape(name), "is not a Lead field (put extra fields in "
                        + "attributes)");
            }
        });
        JsonNode leadId = node.get("lead_id");
        String id = leadId == null || leadId.isNull() ? null : reader.requiredId(leadId, at + "/lead_id");
        String source = reader.requiredId(node.get("source"), at + "/source");
        return Lead.newBuilder()
                .setLeadId(id)
                .setEmail(reader.optionalText(node.get("email"), at + "/email"))
                .setFirstName(reader.optionalText(node.get("first_name"), at + "/first_name"))
                .setLastName(reader.optionalText(node.get("last_name"), at + "/last_name"))
                .setCompanyName(reader.optionalText(node.get("company_name"), at + "/company_name"))
                .setCompanyDomain(reader.optionalText(node.get("company_domain"), at + "/company_domain"))
                .setTitle(reader.optionalText(node.get("title"), at + "/title"))
                .setLinkedinUrl(reader.optionalText(node.get("linkedin_url"), at + "/linkedin_url"))
                .setPhone(reader.optionalText(node.get("phone"), at + "/phone"))
                .setSource(source == null ? "invalid" : source)
                .setSourceId(reader.optionalText(node.get("source_id"), at + "/source_id"))
                .setOccurredAt(reader.instant(node.get("occurred_at"), at + "/occurred_at", receivedAt))
                .setAttributes(reader.stringMap(node.get("attributes"), at + "/attributes"))
                .build();
    }
}
