package io.clayflow.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The tokens one endpoint accepts, several at once so a secret can rotate. Compared in constant time over SHA-256
 * digests (so neither the content nor the length of a token leaks through timing); never printed.
 */
public final class BearerTokens {

    private static final String PREFIX = "Bearer ";
    private final List<byte[]> digests;

    private BearerTokens(List<byte[]> digests) {
        this.digests = digests;
    }

    /** Tokens from a comma-separated list; blank items are ignored. No token means every request is refused. */
    public static BearerTokens parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return new BearerTokens(List.of());
        }
        return new BearerTokens(java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).map(BearerTokens::digest).toList());
    }

    public int size() {
        return digests.size();
    }

    /** Whether an {@code Authorization} header value carries one of the tokens. */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= PREFIX.length()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] offered = digest(authorizationHeader.substring(PREFIX.length()).trim());
        boolean match = false;
        for (byte[] token : digests) {
            // No early exit: every token is compared, whichever matches.
            match |= MessageDigest.isEqual(token, offered);
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "[" + digests.size() + " token(s), masked]";
    }
}
