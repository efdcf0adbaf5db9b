package io.clayflow.connect.http;

import java.net.URI;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts absolute http(s) URLs only: one (a {@code STRING} key) or at least one (a {@code LIST} key). A secret
 * kind of URL (a Clay webhook's path is its credential) is never echoed in an error, only its position.
 */
public final class HttpUrls implements ConfigDef.Validator {

    private final boolean secret;
    private final String example;

    private HttpUrls(boolean secret, String example) {
        this.secret = secret;
        this.example = example;
    }

    /** A peer's API root, shown in errors, e.g. {@code https://api.hubapi.com}. */
    public static HttpUrls apiRoot(String example) {
        return new HttpUrls(false, example);
    }

    /** URLs that are credentials themselves: an error names the key and the URL's position, never the URL. */
    public static HttpUrls secret() {
        return new HttpUrls(true, null);
    }

    @Override
    public void ensureValid(String name, Object value) {
        List<?> urls = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (urls.isEmpty()) {
            throw new ConfigException(name, secret ? "[hidden]" : value, "at least one URL is required");
        }
        for (int i = 0; i < urls.size(); i++) {
            if (!isHttpUrl(String.valueOf(urls.get(i)))) {
                throw secret ? new ConfigException(name, "[hidden]", "URL #" + (i + 1) + " is not an http(s) URL")
                        : new ConfigException(name, value, "must be an http(s) URL such as " + example);
            }
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return secret ? "comma-separated http(s) URLs" : "an http(s) URL such as " + example;
    }
}
