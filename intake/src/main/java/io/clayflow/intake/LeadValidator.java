package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a lead on {@code leads.raw} must meet: field lengths, plausible email / LinkedIn URL / company domain
 * syntax, a source, and an identity (an email, or a LinkedIn URL, or a first and last name with a company domain).
 * Rules are named so a dead letter says which one failed; length rules are checked first, and a field that is too
 * long is not parsed further.
 */
public final class LeadValidator {

    public static final String VALUE_MISSING = "value.missing";
    public static final String SOURCE_MISSING = "source.missing";
    public static final String IDENTITY_MISSING = "identity.missing";
    public static final String EMAIL_SYNTAX = "email.syntax";
    public static final String LINKEDIN_URL_SYNTAX = "linkedin_url.syntax";
    public static final String COMPANY_DOMAIN_SYNTAX = "company_domain.syntax";
    public static final String ATTRIBUTES_TOO_MANY = "attributes.too_many";
    public static final String ATTRIBUTES_TOO_LONG = "attributes.too_long";

    /** Field length limits, in characters after trimming. */
    public record Limits(Map<LeadField, Integer> maxLengths, int maxAttributes, int maxAttributeLength) {

        public Limits {
            maxLengths = Map.copyOf(maxLengths);
            for (LeadField field : LeadField.values()) {
                if (!maxLengths.containsKey(field)) {
                    throw new IllegalArgumentException("No maximum length for " + field.fieldName());
                }
            }
        }

        /** The shipped defaults. */
        public static Limits defaults() {
            return new Limits(IntakeConfig.DEFAULT_MAX_LENGTHS, 100, 2_000);
        }
    }

    /** The name of the rule a too-long field breaks, e.g. {@code first_name.too_long}. */
    public static String tooLong(LeadField field) {
        return field.fieldName() + ".too_long";
    }

    private final Limits limits;

    public LeadValidator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The first rule the lead breaks, in the order {@link #violations} lists them; empty when it is valid. */
    public Optional<RuleViolation> firstViolation(Lead lead) {
        List<RuleViolation> violations = violations(lead);
        return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0));
    }

    /** Every rule the lead breaks: lengths, then syntax, then source and identity. */
    public List<RuleViolation> violations(Lead lead) {
        if (lead == null) {
            return List.of(new RuleViolation(VALUE_MISSING, "The record has no value (a tombstone or an empty body)"));
        }
        List<RuleViolation> violations = new ArrayList<>();
        Set<LeadField> tooLong = EnumSet.noneOf(LeadField.class);
        for (LeadField field : LeadField.values()) {
            String value = trimmed(field.valueOf(lead));
            int max = limits.maxLengths().get(field);
            if (value != null && value.length() > max) {
                tooLong.add(field);
                violations.add(new RuleViolation(tooLong(field), field.fieldName() + " is " + value.length()
                        + " characters long; at most " + max + " are accepted"));
            }
        }
        checkAttributes(lead.getAttributes(), violations);

        String email = present(lead.getEmail(), LeadField.EMAIL, tooLong);
        if (email != null && !LeadSyntax.isEmail(email)) {
            violations.add(new RuleViolation(EMAIL_SYNTAX, "email '" + abbreviate(email)
                    + "' is not an address of the form local@domain.tld"));
        }
        String linkedin = present(lead.getLinkedinUrl(), LeadField.LINKEDIN_URL, tooLong);
        if (linkedin != null && LeadSyntax.linkedinProfile(linkedin).isEmpty()) {
            violations.add(new RuleViolation(LINKEDIN_URL_SYNTAX, "linkedin_url '" + abbreviate(linkedin)
                    + "' is not a LinkedIn profile URL (linkedin.com/in/<handle>)"));
        }
        String domain = present(lead.getCompanyDomain(), LeadField.COMPANY_DOMAIN, tooLong);
        if (domain != null && LeadSyntax.domainOf(domain).isEmpty()) {
            violations.add(new RuleViolation(COMPANY_DOMAIN_SYNTAX, "company_domain '" + abbreviate(domain)
                    + "' is neither a domain name (acme.com) nor a web address (https://www.acme.com)"));
        }

        if (trimmed(lead.getSource()) == null) {
            violations.add(new RuleViolation(SOURCE_MISSING, "source is blank: name the system the lead came from"));
        }
        boolean named = trimmed(lead.getFirstName()) != null && trimmed(lead.getLastName()) != null;
        if (trimmed(lead.getEmail()) == null && trimmed(lead.getLinkedinUrl()) == null
                && !(named && trimmed(lead.getCompanyDomain()) != null)) {
            violations.add(new RuleViolation(IDENTITY_MISSING, "The lead has no identity: it needs an email, a "
                    + "linkedin_url, or a first_name and last_name with a company_domain"));
        }
        return violations;
    }

    private void checkAttributes(Map<String, String> attributes, List<RuleViolation> violations) {
        if (attributes == null) {
            return;
        }
        if (attributes.size() > limits.maxAttributes()) {
            violations.add(new RuleViolation(ATTRIBUTES_TOO_MANY, "attributes has " + attributes.size()
                    + " entries; at most " + limits.maxAttributes() + " are accepted"));
        }
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            int longest = Math.max(entry.getKey().length(), entry.getValue() == null ? 0 : entry.getValue().length());
            if (longest > limits.maxAttributeLength()) {
                violations.add(new RuleViolation(ATTRIBUTES_TOO_LONG, "attribute '" + abbreviate(entry.getKey())
                        + "' has a key or value of " + longest + " characters; at most "
                        + limits.maxAttributeLength() + " are accepted"));
                return;
            }
        }
    }

    /** The trimmed value, or null when it is absent, blank, or already refused as too long. */
    private static String present(String value, LeadField field, Set<LeadField> tooLong) {
        return tooLong.contains(field) ? null : trimmed(value);
    }

    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
