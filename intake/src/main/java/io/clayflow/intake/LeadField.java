package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.util.function.Function;

/** The free-text fields of a {@link Lead} that validation limits, by their Avro field names. */
public enum LeadField {
    EMAIL("email", Lead::getEmail),
    FIRST_NAME("first_name", Lead::getFirstName),
    LAST_NAME("last_name", Lead::getLastName),
    COMPANY_NAME("company_name", Lead::getCompanyName),
    COMPANY_DOMAIN("company_domain", Lead::getCompanyDomain),
    TITLE("title", Lead::getTitle),
    LINKEDIN_URL("linkedin_url", Lead::getLinkedinUrl),
    PHONE("phone", Lead::getPhone),
    SOURCE("source", Lead::getSource),
    SOURCE_ID("source_id", Lead::getSourceId);

    private final String fieldName;
    private final Function<Lead, String> getter;

    LeadField(String fieldName, Function<Lead, String> getter) {
        this.fieldName = fieldName;
        this.getter = getter;
    }

    /** The Avro field name, as rules and config keys spell it. */
    public String fieldName() {
        return fieldName;
    }

    public String valueOf(Lead lead) {
        return getter.apply(lead);
    }
}
