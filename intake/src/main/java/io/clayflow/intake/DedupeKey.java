package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a normalized lead is, for deduplication: its email, else its canonical LinkedIn URL, else its name at its
 * company domain (in the configured order). {@link #leadId()} is a name-based UUID (version 5, RFC 9562) of
 * {@link #asString()}, so the same person always gets the same {@code lead_id}, computable anywhere:
 * {@code uuid5(uuid5(NAMESPACE_URL, "urn:clayflow:lead"), "email:jane@acme.com")}.
 */
public record DedupeKey(Kind kind, String value) {

    /** The namespace of lead ids: {@code uuid5(NAMESPACE_URL, "urn:clayflow:lead")}. */
    public static final UUID LEAD_NAMESPACE =
            uuid5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "urn:clayflow:lead");

    /** What a dedupe key is made of, by its configuration name. */
    public enum Kind implements ConfigChoice {
        EMAIL,
        LINKEDIN,
        NAME_DOMAIN
    }

    public DedupeKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The kinds a configured order names ({@code email}, {@code linkedin}, {@code name_domain}), in that order.
     *
     * @throws IllegalArgumentException naming a word that is no kind
     */
    public static List<Kind> order(List<String> ids) {
        return ids.stream().map(id -> ConfigChoice.of(Kind.class, "dedupe key kind", id)).toList();
    }

    /** The key of a normalized lead: the first kind in {@code order} the lead has. */
    public static Optional<DedupeKey> of(Lead normalized, List<Kind> order) {
        for (Kind kind : order) {
            Optional<DedupeKey> key = switch (kind) {
                case EMAIL -> Optional.ofNullable(normalized.getEmail()).map(email -> new DedupeKey(kind, email));
                case LINKEDIN -> Optional.ofNullable(normalized.getLinkedinUrl()).map(url -> new DedupeKey(kind, url));
                case NAME_DOMAIN -> normalized.getFirstName() == null || normalized.getLastName() == null
                        || normalized.getCompanyDomain() == null ? Optional.empty()
                        : Optional.of(new DedupeKey(kind, (normalized.getFirstName() + "|" + normalized.getLastName()
                                + "|" + normalized.getCompanyDomain()).toLowerCase(Locale.ROOT)));
            };
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /** {@code <kind>:<value>}, e.g. {@code email:jane@acme.com} or {@code name_domain:jane|doe|acme.com}. */
    public String asString() {
        return kind.id() + ":" + value;
    }

    /** The stable lead id of this person. */
    public String leadId() {
        return uuid5(LEAD_NAMESPACE, asString()).toString();
    }

    static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
