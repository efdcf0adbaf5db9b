package io.clayflow.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** The one rule for which settings are secrets, and a printout of an app's settings that never shows them. */
public final class Secrets {

    public static final String MASK = "[hidden]";

    // Passed-through keys have no ConfigDef type, so their names decide: SASL/JAAS, TLS keys, tokens, basic auth.
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|token|jaas|user\\.info|credential|api\\.key|\\.key$).*");

    private Secrets() {
    }

    /** Whether a key's value must never be printed or logged. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    // user:password@ in a URL (a registry or broker address with basic auth in it).
    private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/@\\s,]+@");

    /**
     * A value as it may be printed: masked when its key is a secret or its value a {@link Password}; credentials
     * inside a URL masked whatever the key.
     */
    public static String printable(String key, Object value) {
        return value instanceof Password || isSecret(key) ? MASK
                : URL_CREDENTIALS.matcher(String.valueOf(value)).replaceAll("://" + MASK + "@");
    }

    /**
     * Every setting of {@code config}, one sorted {@code key=value} per line: the defined keys (passwords masked)
     * and every passed-through original (masked by {@link #isSecret}). Safe to log.
     */
    public static String describe(AbstractConfig config, ConfigDef definition) {
        Map<String, String> lines = new TreeMap<>();
        config.originals().forEach((key, value) -> lines.put(key, printable(key, value)));
        config.values().forEach((key, value) -> lines.put(key,
                definition.configKeys().get(key).type == ConfigDef.Type.PASSWORD ? MASK : printable(key, value)));
        StringBuilder out = new StringBuilder();
        lines.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        return out.toString();
    }
}
