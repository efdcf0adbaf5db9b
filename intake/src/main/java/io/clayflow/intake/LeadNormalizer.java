package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a valid lead into one canonical form, so the same person looks the same whichever source sent them:
 * email trimmed and lowercased (provider-specific rewriting only when configured), names and free text trimmed with
 * whitespace collapsed, LinkedIn URLs canonicalised, the company domain bare and lowercase (derived from a work
 * email when missing), and {@code lead_id} derived from the dedupe key. A pure function.
 */
public final class LeadNormalizer {

    /** Mailbox providers whose domain says nothing about the person's company. */
    public static final List<String> DEFAULT_FREE_EMAIL_DOMAINS = List.of(
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "hotmail.co.uk",
            "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
            "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.com",
            "yandex.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com");

    // Providers that deliver local+tag@ to local@, so the tag is dropped when rewriting is on.
    private static final Set<String> PLUS_TAG_PROVIDERS = Set.of("gmail.com", "googlemail.com", "outlook.com",
            "hotmail.com", "live.com", "icloud.com", "me.com", "mac.com", "fastmail.com", "proton.me",
            "protonmail.com");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");

    private final List<DedupeKey.Kind> keyOrder;
    private final boolean emailProviderRewrite;
    private final Set<String> freeEmailDomains;

    public LeadNormalizer(List<DedupeKey.Kind> keyOrder, boolean emailProviderRewrite, Set<String> freeEmailDomains) {
        this.keyOrder = List.copyOf(Objects.requireNonNull(keyOrder, "keyOrder"));
        this.emailProviderRewrite = emailProviderRewrite;
        this.freeEmailDomains = Set.copyOf(Objects.requireNonNull(freeEmailDomains, "freeEmailDomains"));
    }

    /** With the shipped defaults: key order email, linkedin, name_domain; no provider rewriting. */
    public static LeadNormalizer defaults() {
        return new LeadNormalizer(List.of(DedupeKey.Kind.values()), false, Set.copyOf(DEFAULT_FREE_EMAIL_DOMAINS));
    }

    public static LeadNormalizer from(IntakeConfig config) {
        return new LeadNormalizer(config.dedupeKeyOrder(), config.emailProviderRewrite(), config.freeEmailDomains());
    }

    /**
     * The normalized copy of a lead that {@link LeadValidator} accepted.
     *
     * @throws IllegalArgumentException when the lead has no dedupe key, which a valid lead always has
     */
    public Lead normalize(Lead lead) {
        String email = email(lead.getEmail());
        String companyDomain = companyDomain(lead.getCompanyDomain(), email);
        String linkedin = text(lead.getLinkedinUrl());
        if (linkedin != null) {
            linkedin = LeadSyntax.linkedinProfile(linkedin).orElse(linkedin);
        }
        Lead normalized = Lead.newBuilder(lead)
                .setEmail(email)
                .setFirstName(collapsed(lead.getFirstName()))
                .setLastName(collapsed(lead.getLastName()))
                .setCompanyName(collapsed(lead.getCompanyName()))
                .setCompanyDomain(companyDomain)
                .setTitle(collapsed(lead.getTitle()))
                .setLinkedinUrl(linkedin)
                .setPhone(text(lead.getPhone()))
                .setSource(lead.getSource() == null ? null : lead.getSource().strip())
                .setSourceId(text(lead.getSourceId()))
                .build();
        DedupeKey key = dedupeKey(normalized);
        normalized.setLeadId(key.leadId());
        return normalized;
    }

    /** The dedupe key of a normalized lead. */
    public DedupeKey dedupeKey(Lead normalized) {
        return DedupeKey.of(normalized, keyOrder).orElseThrow(() -> new IllegalArgumentException(
                "The lead has none of the dedupe keys " + keyOrder + "; it should have been refused as "
                        + LeadValidator.IDENTITY_MISSING));
    }

    String email(String raw) {
        String email = text(raw);
        if (email == null) {
            return null;
        }
        email = email.toLowerCase(Locale.ROOT);
        if (!emailProviderRewrite) {
            return email;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return email;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (PLUS_TAG_PROVIDERS.contains(domain)) {
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    private String companyDomain(String raw, String normalizedEmail) {
        String given = text(raw);
        if (given != null) {
            return LeadSyntax.domainOf(given).orElse(given.toLowerCase(Locale.ROOT));
        }
        if (normalizedEmail == null) {
            return null;
        }
        String emailDomain = normalizedEmail.substring(normalizedEmail.lastIndexOf('@') + 1);
        if (freeEmailDomains.contains(emailDomain)) {
            return null;
        }
        return LeadSyntax.domainOf(emailDomain).orElse(null);
    }

    /** Trimmed, inner whitespace (any kind, including no-break spaces and tabs) collapsed to one space. */
    static String collapsed(String raw) {
        String value = text(raw);
        return value == null ? null : WHITESPACE.matcher(value).replaceAll(" ");
    }

    private static String text(String raw) {
        return LeadValidator.trimmed(raw);
    }
}
