package io.clayflow.gateway;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's v3 request signature: {@code X-HubSpot-Signature-v3} is the Base64 HMAC-SHA256, keyed with the app's
 * client secret, of method + URI + body + {@code X-HubSpot-Request-Timestamp}; a timestamp further than the allowed
 * age from now is refused, so a captured delivery cannot be sent again later. Compared in constant time. Without a
 * secret nothing is accepted.
 */
final class HubSpotSignature {

    static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

    private final Optional<String> secret;
    private final Duration maxAge;
    private final Clock clock;

    HubSpotSignature(Optional<String> secret, Duration maxAge, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return empty when the delivery is HubSpot's and fresh, else why it is refused (never the secret) */
    Optional<String> refusal(String method, String uri, byte[] body, String timestamp, String signature) {
        if (secret.isEmpty()) {
            return Optional.of("no client secret is configured: webhook deliveries are refused");
        }
        if (timestamp == null || signature == null) {
            return Optional.of("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER);
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not epoch milliseconds");
        }
        if (Math.abs(clock.millis() - sentAt) > maxAge.toMillis()) {
            return Optional.of("the delivery's timestamp is more than " + maxAge.toSeconds() + " s from now");
        }
        byte[] expected = sign(secret.get(), method, signedUri(uri), body, timestamp.strip())
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match");
        }
        return Optional.empty();
    }

    // HubSpot signs the URI with these characters decoded (its request validation guide lists them).
    private static final String[][] DECODED = {{"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"},
        {"%24", "$"}, {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};

    /** The request URI as HubSpot signs it: the listed URL-encoded characters decoded, upper or lower case. */
    static String signedUri(String uri) {
        String out = uri;
        for (String[] pair : DECODED) {
            out = out.replace(pair[0], pair[1]).replace(pair[0].toLowerCase(java.util.Locale.ROOT), pair[1]);
        }
        return out;
    }

    /** The v3 signature HubSpot sends for a request (also what the HubSpot fake signs with). */
    static String sign(String secret, String method, String uri, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((method + uri).getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
