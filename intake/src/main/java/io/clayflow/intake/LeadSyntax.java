package io.clayflow.intake;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient syntax of email addresses, domains and LinkedIn profile URLs: garbage is refused, RFC corner cases
 * (quoted local parts, IP-literal domains, comments) are not supported. Shared by validation and normalization so
 * that what one accepts the other can read.
 */
final class LeadSyntax {

    private static final Pattern LOCAL_PART = Pattern.compile("[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    private static final Pattern SCHEME = Pattern.compile("^(?i)(https?)://");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");
    private static final Pattern LINKEDIN_HOST = Pattern.compile("(?:[a-z0-9-]{1,20}\\.)?linkedin\\.com");
    private static final Pattern LINKEDIN_HANDLE = Pattern.compile("[\\p{L}\\p{N}_-]{3,100}");
    private static final Pattern LINKEDIN_PATH = Pattern.compile("/in/([^/?#]+)/?(?:[^?#]*)?(?:[?#].*)?");

    static final String LINKEDIN_PROFILE_PREFIX = "https://www.linkedin.com/in/";

    private LeadSyntax() {
    }

    /** Whether {@code email} (already trimmed) is {@code local@domain} with a plausible local part and domain. */
    static boolean isEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at != email.indexOf('@') || at == email.length() - 1) {
            return false;
        }
        String local = email.substring(0, at);
        return LOCAL_PART.matcher(local).matches() && !local.startsWith(".") && !local.endsWith(".")
                && !local.contains("..") && isHost(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether {@code host} (lowercase, no scheme, port or path) is a domain name with at least two labels. */
    static boolean isHost(String host) {
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TLD.matcher(labels[labels.length - 1]).matches();
    }

    /**
     * The bare domain in a domain or web address: {@code https://www.Acme.com/about} and {@code acme.com.} are both
     * {@code acme.com}. Empty when it is neither.
     */
    static Optional<String> domainOf(String domainOrUrl) {
        String rest = withoutWebScheme(domainOrUrl);
        if (rest == null) {
            return Optional.empty();
        }
        int end = indexOfAny(rest, "/?#");
        String host = (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
        host = PORT.matcher(host).replaceFirst("");
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return isHost(host) ? Optional.of(host) : Optional.empty();
    }

    /**
     * The canonical form of a LinkedIn profile URL, {@code https://www.linkedin.com/in/<handle>} with the handle
     * percent-decoded and lowercased (LinkedIn reads handles case-insensitively); scheme, country subdomain, trailing
     * path segments (such as a language), query and fragment are dropped. Empty when it is not a profile URL.
     */
    static Optional<String> linkedinProfile(String url) {
        String rest = withoutWebScheme(url);
        int slash = rest == null ? -1 : rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String host = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!LINKEDIN_HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        Matcher path = LINKEDIN_PATH.matcher(rest.substring(slash));
        if (!path.matches()) {
            return Optional.empty();
        }
        Optional<String> handle = percentDecode(path.group(1));
        if (handle.isEmpty() || !LINKEDIN_HANDLE.matcher(handle.get()).matches()) {
            return Optional.empty();
        }
        return Optional.of(LINKEDIN_PROFILE_PREFIX + handle.get().toLowerCase(Locale.ROOT));
    }

    /** The text after {@code http://} or {@code https://} (all of it without a scheme); null for another scheme. */
    private static String withoutWebScheme(String text) {
        String rest = text.strip();
        Matcher scheme = SCHEME.matcher(rest);
        if (scheme.find()) {
            return rest.substring(scheme.end());
        }
        return rest.contains("://") ? null : rest;
    }

    private static Optional<String> percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
