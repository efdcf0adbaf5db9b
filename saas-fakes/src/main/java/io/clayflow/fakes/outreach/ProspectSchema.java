package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The writable attributes of Outreach's prospect resource and their shapes (list attributes take arrays of strings,
 * the rest scalars), so a client sending an attribute Outreach does not have, or the wrong shape, is told so.
 */
final class ProspectSchema {

    static final Set<String> LIST_ATTRIBUTES = Set.of("emails", "homePhones", "mobilePhones", "otherPhones",
            "voipPhones", "workPhones", "tags");

    private static final Set<String> SCALAR_ATTRIBUTES = scalars();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private ProspectSchema() {
    }

    private static Set<String> scalars() {
        Set<String> names = new HashSet<>(Set.of("addressCity", "addressCountry", "addressState", "addressStreet",
                "addressStreet2", "addressZip", "angelListUrl", "availableAt", "campaignName", "company",
                "companyFollowers", "companyFoundedAt", "companyIndustry", "companyLinkedIn",
                "companyLinkedInEmployees", "companyLocality", "companyNatural", "companySize", "companyType",
                "dateOfBirth", "degree", "eventName", "externalId", "externalOwner", "externalSource", "facebookUrl",
                "firstName", "gender", "githubUrl", "githubUsername", "googlePlusUrl", "graduationDate",
                "jobStartDate", "lastName", "linkedInConnections", "linkedInId", "linkedInUrl", "middleName",
                "nickname", "occupation", "personalNote1", "personalNote2", "preferredContact", "quoraUrl", "region",
                "school", "score", "source", "specialties", "stackOverflowId", "stackOverflowUrl", "timeZone", "title",
                "twitterUrl", "twitterUsername", "websiteUrl1", "websiteUrl2", "websiteUrl3"));
        for (int i = 1; i <= 150; i++) {
            names.add("custom" + i);
        }
        return Set.copyOf(names);
    }

    /** @throws JsonApiRefusal 400 for an unknown attribute or a wrong shape, 422 for an email that is not one */
    static void check(JsonObject attributes) {
        for (String name : attributes.fieldNames()) {
            Object value = attributes.getValue(name);
            if (LIST_ATTRIBUTES.contains(name)) {
                if (!(value instanceof JsonArray list) || list.stream().anyMatch(v -> !(v instanceof String))) {
                    throw JsonApiRefusal.badRequest("Attribute '" + name + "' must be an array of strings.");
                }
            } else if (SCALAR_ATTRIBUTES.contains(name)) {
                if (value instanceof JsonArray || value instanceof JsonObject) {
                    throw JsonApiRefusal.badRequest("Attribute '" + name + "' must be a single value.");
                }
            } else {
                throw JsonApiRefusal.badRequest("Unknown or read-only attribute '" + name + "' for prospect.");
            }
        }
        JsonArray emails = attributes.getJsonArray("emails");
        if (emails != null) {
            for (Object email : emails) {
                if (!EMAIL.matcher((String) email).matches()) {
                    throw JsonApiRefusal.validation("Emails '" + email + "' is not a valid email address.");
                }
            }
        }
    }
}
