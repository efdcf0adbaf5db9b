package io.clayflow.cli.demo;

import io.clayflow.intake.LeadValidator;
import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;

/**
 * Makes realistic sample leads (Datafaker names, companies, titles, phone numbers; domains derived from the company;
 * several people per company), deterministic for a seed. Duplicates are case and whitespace variants of an earlier
 * lead, the kind intake's dedupe must catch; invalid leads break one of intake's rules (bad email syntax, no
 * identity, a LinkedIn company page instead of a profile). Each lead's kind is checked against intake's own
 * {@link LeadValidator}, so the counts it reports are what intake will see.
 */
public final class DemoLeadGenerator {

    /** What a generated lead is meant to be. */
    public enum Kind { UNIQUE, DUPLICATE, INVALID }

    /** One generated lead and what it is. */
    public record DemoLead(Lead lead, Kind kind) {
    }

    private static final String[] CAMPAIGNS = {"webinar-q4", "ebook-pipeline", "pricing-page", "trade-show",
            "partner-referral", "newsletter"};
    private static final String[] SOURCES = {"web-form", "hubspot-form", "event-scan", "demo-request"};

    private final LeadValidator validator = new LeadValidator(LeadValidator.Limits.defaults());
    private final String source;
    private final Instant occurredAt;

    public DemoLeadGenerator(String source, Instant occurredAt) {
        this.source = Objects.requireNonNull(source, "source");
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /**
     * {@code total} leads of which {@code round(total * duplicateRatio)} are duplicates and
     * {@code round(total * invalidRatio)} invalid, in a seeded random order where every duplicate follows its original.
     */
    public List<DemoLead> generate(int total, double duplicateRatio, double invalidRatio, long seed) {
        if (total < 0 || duplicateRatio < 0 || invalidRatio < 0 || duplicateRatio + invalidRatio > 1) {
            throw new IllegalArgumentException("need total >= 0 and ratios in [0, 1] that add up to at most 1");
        }
        int duplicates = (int) Math.round(total * duplicateRatio);
        int invalid = (int) Math.round(total * invalidRatio);
        int unique = total - duplicates - invalid;
        if (duplicates > 0 && unique == 0) {
            throw new IllegalArgumentException("duplicates need at least one unique lead to copy");
        }
        Random random = new Random(seed);
        Faker faker = new Faker(Locale.US, random);
        List<String[]> companies = companies(faker, Math.max(5, unique / 4));
        Set<String> emails = new HashSet<>();
        List<Lead> originals = new ArrayList<>();
        List<DemoLead> out = new ArrayList<>(total);
        int uniqueLeft = unique;
        int duplicatesLeft = duplicates;
        int invalidLeft = invalid;
        while (uniqueLeft + duplicatesLeft + invalidLeft > 0) {
            // A duplicate can only copy a lead already sent; the first lead is therefore always unique.
            int duplicateWeight = originals.isEmpty() ? 0 : duplicatesLeft;
            int pick = random.nextInt(uniqueLeft + duplicateWeight + invalidLeft);
            if (pick < uniqueLeft) {
                Lead lead = uniqueLead(faker, random, companies, emails, out.size());
                originals.add(lead);
                out.add(new DemoLead(lead, Kind.UNIQUE));
                uniqueLeft--;
            } else if (pick < uniqueLeft + duplicateWeight) {
                Lead original = originals.get(random.nextInt(originals.size()));
                out.add(new DemoLead(variantOf(original, random, out.size()), Kind.DUPLICATE));
                duplicatesLeft--;
            } else {
                out.add(new DemoLead(invalidLead(faker, random, companies, out.size()), Kind.INVALID));
                invalidLeft--;
            }
        }
        return out;
    }

    private static List<String[]> companies(Faker faker, int count) {
        List<String[]> companies = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        while (companies.size() < count) {
            String name = faker.company().name();
            String domain = name.toLowerCase(Locale.ROOT).replaceAll("\\b(and|inc|llc|group|ltd)\\b", "")
                    .replaceAll("[^a-z0-9]", "");
            if (domain.length() < 3) {
                continue;
            }
            domain = domain + (faker.random().nextInt(5) == 0 ? ".io" : ".com");
            if (domains.add(domain)) {
                companies.add(new String[] {name, domain});
            }
        }
        return companies;
    }

    private Lead uniqueLead(Faker faker, Random random, List<String[]> companies, Set<String> emails, int index) {
        while (true) {
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            String[] company = companies.get(random.nextInt(companies.size()));
            String local = switch (random.nextInt(3)) {
                case 0 -> first + "." + last;
                case 1 -> first.charAt(0) + last;
                default -> first;
            };
            String email = local.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") + "@" + company[1];
            if (!emails.add(email)) {
                continue;
            }
            Lead lead = base(first, last, company, faker, random, index).setEmail(email)
                    .setLinkedinUrl(random.nextInt(3) == 0 ? null : "https://www.linkedin.com/in/"
                            + (first + "-" + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "") + "-"
                            + Integer.toHexString(random.nextInt(0x10000)))
                    .build();
            if (validator.violations(lead).isEmpty()) {
                return lead;
            }
            emails.remove(email);
        }
    }

    private Lead.Builder base(String first, String last, String[] company, Faker faker, Random random, int index) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("campaign", CAMPAIGNS[random.nextInt(CAMPAIGNS.length)]);
        attributes.put("lead_source_detail", SOURCES[random.nextInt(SOURCES.length)]);
        return Lead.newBuilder().setFirstName(first).setLastName(last).setCompanyName(company[0])
                .setCompanyDomain(company[1]).setTitle(faker.job().title()).setPhone(faker.phoneNumber().cellPhone())
                .setSource(source).setSourceId(source + "-" + index).setOccurredAt(occurredAt)
                .setAttributes(attributes);
    }

    /** The same person as intake sees it: email case and surrounding whitespace changed, names respaced. */
    private static Lead variantOf(Lead original, Random random, int index) {
        String email = original.getEmail();
        StringBuilder respelled = new StringBuilder();
        for (char c : email.toCharArray()) {
            respelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        String variantEmail = switch (random.nextInt(3)) {
            case 0 -> " " + respelled + " ";
            case 1 -> respelled.toString().toUpperCase(Locale.ROOT);
            default -> "\t" + respelled;
        };
        if (variantEmail.strip().toLowerCase(Locale.ROOT).equals(email) && variantEmail.equals(email)) {
            variantEmail = " " + email;
        }
        return Lead.newBuilder(original).setEmail(variantEmail)
                .setFirstName(random.nextBoolean() ? original.getFirstName().toUpperCase(Locale.ROOT)
                        : "  " + original.getFirstName())
                .setLastName(original.getLastName() + (random.nextBoolean() ? " " : ""))
                .setSourceId(original.getSource() + "-" + index).build();
    }

    private Lead invalidLead(Faker faker, Random random, List<String[]> companies, int index) {
        while (true) {
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            String[] company = companies.get(random.nextInt(companies.size()));
            Lead.Builder builder = base(first, last, company, faker, random, index);
            Lead lead = switch (random.nextInt(3)) {
                // "jane.doe(at)acme.com": an address typed to dodge spam filters.
                case 0 -> builder.setEmail((first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "")
                        + "(at)" + company[1]).build();
                // A company page where a profile belongs, and nothing else that identifies the person.
                case 1 -> builder.setCompanyDomain(null).setLinkedinUrl("https://www.linkedin.com/company/"
                        + company[1].replaceAll("\\..*", "")).build();
                // A name and a company name but no email, profile or domain: Clay cannot find this person.
                default -> builder.setCompanyDomain(null).build();
            };
            if (!validator.violations(lead).isEmpty()) {
                return lead;
            }
        }
    }
}
