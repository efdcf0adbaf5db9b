package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the simulated table's enrichment columns find for a row: a pure function of the row and the seed, so the same
 * lead always enriches the same way. The result is shaped like the {@code EnrichedLead} Avro record (snake_case lead
 * fields, then {@code work_email}, {@code seniority}, {@code company_size}, {@code industry}, {@code country},
 * {@code icp_score} and the {@code enrichment} map), without {@code enriched_at}, which the gateway sets.
 */
public final class LeadEnricher {

    /** The {@code Lead} fields echoed as they came; any other column of the row goes into {@code attributes}. */
    public static final List<String> LEAD_FIELDS = List.of("lead_id", "email", "first_name", "last_name",
            "company_name", "company_domain", "title", "linkedin_url", "phone", "source", "source_id", "occurred_at");

    static final List<String> COMPANY_SIZES = List.of("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000",
            "5001-10000", "10001+");
    private static final int[][] SIZE_RANGES = {{2, 10}, {11, 50}, {51, 200}, {201, 500}, {501, 1000}, {1001, 5000},
            {5001, 10000}, {10001, 60000}};
    private static final int[] SIZE_POINTS = {5, 10, 20, 25, 25, 20, 15, 10};

    static final List<String> INDUSTRIES = List.of("Software", "Financial Services", "Healthcare", "Manufacturing",
            "Retail", "Education", "Marketing & Advertising", "Logistics", "Telecommunications", "Consulting");
    private static final Map<String, Integer> INDUSTRY_POINTS = Map.of("Software", 25, "Financial Services", 20,
            "Marketing & Advertising", 20, "Consulting", 15);
    private static final Set<String> SOFTWARE_TLDS = Set.of("io", "ai", "dev", "app", "tech", "software", "cloud");

    // Country-code TLDs and the country they stand for; generic TLDs get a country by the seeded rule.
    private static final Map<String, String> CCTLD_COUNTRIES = Map.ofEntries(
            Map.entry("uk", "GB"), Map.entry("de", "DE"), Map.entry("fr", "FR"), Map.entry("nl", "NL"),
            Map.entry("es", "ES"), Map.entry("it", "IT"), Map.entry("se", "SE"), Map.entry("ch", "CH"),
            Map.entry("at", "AT"), Map.entry("be", "BE"), Map.entry("dk", "DK"), Map.entry("no", "NO"),
            Map.entry("fi", "FI"), Map.entry("ie", "IE"), Map.entry("pl", "PL"), Map.entry("pt", "PT"),
            Map.entry("ca", "CA"), Map.entry("au", "AU"), Map.entry("nz", "NZ"), Map.entry("jp", "JP"),
            Map.entry("in", "IN"), Map.entry("br", "BR"), Map.entry("mx", "MX"), Map.entry("sg", "SG"),
            Map.entry("il", "IL"), Map.entry("us", "US"));
    // Weighted toward the US, as B2B lead lists are.
    private static final List<String> GENERIC_COUNTRIES = List.of("US", "US", "US", "US", "US", "GB", "GB", "DE",
            "CA", "FR", "NL", "AU", "IN", "SE", "ES", "SG");

    static final Set<String> FREE_MAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
            "outlook.com", "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de",
            "gmx.net", "web.de", "fastmail.com", "yandex.ru", "mail.com");

    private static final Map<String, Integer> SENIORITY_POINTS = Map.of("c-level", 40, "vp", 35, "director", 30,
            "manager", 20, "individual-contributor", 10);

    private static final Pattern VP = Pattern.compile(
            "\\b(vp|svp|evp|avp|vice[ -]president|vice-president)\\b");
    private static final Pattern C_LEVEL = Pattern.compile(
            "\\b(chief|ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|cdo|founder|co-founder|cofounder|president|"
                    + "managing director|general partner|managing partner)\\b");
    private static final Pattern DIRECTOR = Pattern.compile("\\b(director|head of|head)\\b");
    private static final Pattern MANAGER = Pattern.compile("\\b(manager|mgr|supervisor|team lead|tech lead)\\b");
    private static final Pattern NOT_A_NAME_CHAR = Pattern.compile("[^a-z]");

    private final long seed;

    public LeadEnricher(long seed) {
        this.seed = seed;
    }

    /** The enriched lead for {@code row}, which carries a {@code lead_id}. */
    public JsonObject enrich(JsonObject row) {
        JsonObject lead = new JsonObject();
        JsonObject attributes = new JsonObject();
        if (row.getValue("attributes") instanceof JsonObject given) {
            given.forEach(entry -> {
                if (entry.getValue() != null) {
                    attributes.put(entry.getKey(), text(entry.getValue()));
                }
            });
        }
        for (String field : LEAD_FIELDS) {
            if (row.getValue(field) != null) {
                lead.put(field, row.getValue(field));
            }
        }
        // Columns that are not Lead fields are the lead's attributes spread out as Clay columns: fold them back.
        row.forEach(entry -> {
            if (!LEAD_FIELDS.contains(entry.getKey()) && !"attributes".equals(entry.getKey())
                    && entry.getValue() != null) {
                attributes.put(entry.getKey(), text(entry.getValue()));
            }
        });
        lead.put("attributes", attributes);

        String domain = companyDomain(row);
        String title = row.getString("title");
        String seniority = seniority(title);
        String workEmail = workEmail(row, domain);
        JsonObject enrichment = new JsonObject();

        String size = null;
        String industry = null;
        String country = null;
        int icp = 0;
        if (domain != null) {
            int sizeIndex = pick(COMPANY_SIZES.size(), "size", domain);
            size = COMPANY_SIZES.get(sizeIndex);
            String tld = domain.substring(domain.lastIndexOf('.') + 1);
            industry = SOFTWARE_TLDS.contains(tld) ? "Software" : INDUSTRIES.get(pick(INDUSTRIES.size(), "industry", domain));
            country = CCTLD_COUNTRIES.getOrDefault(tld, GENERIC_COUNTRIES.get(pick(GENERIC_COUNTRIES.size(), "country", domain)));
            icp += SIZE_POINTS[sizeIndex] + INDUSTRY_POINTS.getOrDefault(industry, 10);
            int[] range = SIZE_RANGES[sizeIndex];
            enrichment.put("employee_count", String.valueOf(range[0] + pick(range[1] - range[0] + 1, "employees", domain)));
            enrichment.put("founded_year", String.valueOf(1950 + pick(74, "founded", domain)));
            enrichment.put("company_linkedin_url", "https://www.linkedin.com/company/" + domain.substring(0, domain.indexOf('.')));
        }
        if (seniority != null) {
            icp += SENIORITY_POINTS.get(seniority);
        }
        icp += pick(11, "icp", String.valueOf(domain), String.valueOf(title));
        if (workEmail != null) {
            enrichment.put("email_status", workEmail.equals(normalizedEmail(row)) ? "verified" : "guessed");
        }

        lead.put("work_email", workEmail);
        lead.put("seniority", seniority);
        lead.put("company_size", size);
        lead.put("industry", industry);
        lead.put("country", country);
        lead.put("icp_score", Math.max(0, Math.min(100, icp)));
        lead.put("enrichment", enrichment);
        return lead;
    }

    /**
     * The seniority a title reads as: {@code c-level}, {@code vp}, {@code director}, {@code manager} or
     * {@code individual-contributor}; {@code null} for no title. VP is checked first, so "Vice President" is not
     * read as "President".
     */
    public static String seniority(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String text = title.toLowerCase(Locale.ROOT).replace('&', ' ').replace(',', ' ');
        if (VP.matcher(text).find()) {
            return "vp";
        }
        if (C_LEVEL.matcher(text).find()) {
            return "c-level";
        }
        if (DIRECTOR.matcher(text).find()) {
            return "director";
        }
        if (MANAGER.matcher(text).find()) {
            return "manager";
        }
        return "individual-contributor";
    }

    /** The given email when it is at the company's domain; otherwise first.last@domain when the names are known. */
    private static String workEmail(JsonObject row, String domain) {
        String email = normalizedEmail(row);
        if (email != null && domain != null && email.endsWith("@" + domain)) {
            return email;
        }
        String first = nameToken(row.getString("first_name"));
        String last = nameToken(row.getString("last_name"));
        if (domain == null || first == null || last == null) {
            return null;
        }
        return first + "." + last + "@" + domain;
    }

    private static String companyDomain(JsonObject row) {
        String domain = row.getString("company_domain");
        if (domain == null || domain.isBlank()) {
            String email = normalizedEmail(row);
            if (email == null || email.indexOf('@') < 0) {
                return null;
            }
            domain = email.substring(email.indexOf('@') + 1);
            if (FREE_MAIL_DOMAINS.contains(domain)) {
                return null;
            }
        }
        domain = domain.trim().toLowerCase(Locale.ROOT);
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        return domain.indexOf('.') > 0 && !domain.endsWith(".") ? domain : null;
    }

    private static String normalizedEmail(JsonObject row) {
        Object email = row.getValue("email");
        return email instanceof String text && !text.isBlank() ? text.trim().toLowerCase(Locale.ROOT) : null;
    }

    private static String nameToken(String name) {
        if (name == null) {
            return null;
        }
        String token = NOT_A_NAME_CHAR.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
        return token.isEmpty() ? null : token;
    }

    private static String text(Object value) {
        return value instanceof JsonObject || value instanceof JsonArray ? value.toString() : String.valueOf(value);
    }

    /** A stable choice among {@code n}: FNV-1a over the seed and the parts, finished with SplitMix64's mixer. */
    private int pick(int n, String... parts) {
        long hash = 0xcbf29ce484222325L ^ seed;
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x100000001b3L;
            }
            hash ^= 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return (int) Math.floorMod(hash, (long) n);
    }
}
