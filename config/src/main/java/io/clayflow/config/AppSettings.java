package io.clayflow.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a clayflow app reads its settings: the defaults it ships on the classpath, then an optional properties
 * file, then the environment; every key checked against the app's {@link ConfigDef} so that a typo fails at start,
 * naming the key and the closest known one, instead of being ignored.
 *
 * <p>The environment: {@code CLAYFLOW_<APP>_<NAME>} sets the defined key whose upper-cased form, with {@code .} and
 * {@code -} read as {@code _}, is NAME (so keys with underscores, such as {@code validate.max.length.first_name},
 * are reachable); under a pass-through prefix the rest of the name follows Confluent's docker images ({@code _} is
 * {@code .}, {@code __} is {@code _}, {@code ___} is {@code -}). {@code CLAYFLOW_BOOTSTRAP_SERVERS} and
 * {@code CLAYFLOW_SCHEMA_REGISTRY_URL} set the shared keys of every app that defines them.
 */
public final class AppSettings {

    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

    private final String app;
    private final ConfigDef definition;
    private final List<String> passThrough = new ArrayList<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private final List<String> deprecations = new CopyOnWriteArrayList<>();
    private Class<?> anchor;
    private String defaultsResource;

    private AppSettings(String app, ConfigDef definition) {
        this.app = Objects.requireNonNull(app, "app");
        this.definition = Objects.requireNonNull(definition, "definition");
    }

    /** @param app the app's name as messages and its environment prefix say it, e.g. {@code intake} */
    public static AppSettings forApp(String app, ConfigDef definition) {
        return new AppSettings(app, definition);
    }

    /** Defaults shipped as a properties resource next to {@code anchor}; its absence is a packaging bug. */
    public AppSettings defaults(Class<?> anchor, String resource) {
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.defaultsResource = Objects.requireNonNull(resource, "resource");
        return this;
    }

    /** Prefixes whose keys go unchecked to a client (e.g. {@code streams.}, {@code kafka.}, {@code serde.}). */
    public AppSettings passThrough(String... prefixes) {
        passThrough.addAll(List.of(prefixes));
        return this;
    }

    /** An old key that still works, with a warning naming its new key; the new key wins when both are set. */
    public AppSettings renamed(String oldKey, String newKey) {
        renamed.put(oldKey, newKey);
        return this;
    }

    /** The prefix of the app's environment variables, e.g. {@code CLAYFLOW_INTAKE_}. */
    public String envPrefix() {
        return envPrefix(app);
    }

    /** The environment variable that sets {@code key} in {@code app}, e.g. {@code CLAYFLOW_INTAKE_DEDUPE_TTL}. */
    public static String envName(String app, String key) {
        return envPrefix(app) + envForm(key);
    }

    /** Defaults, then {@code file} when not null, then {@code environment}; checked. */
    public Map<String, String> load(Path file, Map<String, String> environment) {
        Map<String, String> props = defaultsLayer();
        if (file != null) {
            merge(props, LayeredProperties.file(file, app), "file " + file);
        }
        merge(props, fromEnvironment(environment), "environment");
        return check(props);
    }

    /** Defaults with {@code overrides} on top (what tests and embedding code use); checked. */
    public Map<String, String> resolve(Map<String, String> overrides) {
        Map<String, String> props = defaultsLayer();
        merge(props, overrides, "overrides");
        return check(props);
    }

    /** The settings {@code environment} names for this app, by the rules in the class comment; not yet checked. */
    public Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> byEnvName = new HashMap<>();
        definition.names().forEach(key -> byEnvName.put(envForm(key), key));
        renamed.keySet().forEach(key -> byEnvName.put(envForm(key), key));
        Map<String, String> props = new TreeMap<>();
        SharedKeys.SHARED_ENVIRONMENT.forEach((variable, key) -> {
            if (environment.containsKey(variable) && definition.names().contains(key)) {
                props.put(key, environment.get(variable));
            }
        });
        String prefix = envPrefix();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
                props.put(keyOf(variable.substring(prefix.length()), byEnvName), value);
            }
        });
        return props;
    }

    /** The deprecation warnings this instance has logged (old keys used), for tests and start-up summaries. */
    public List<String> deprecations() {
        return List.copyOf(deprecations);
    }

    private Map<String, String> defaultsLayer() {
        Map<String, String> props = new LinkedHashMap<>();
        if (anchor != null) {
            merge(props, LayeredProperties.classpath(anchor, defaultsResource), defaultsResource);
        }
        return props;
    }

    private void merge(Map<String, String> props, Map<String, String> layer, String where) {
        Map<String, String> current = new LinkedHashMap<>(layer);
        renamed.forEach((oldKey, newKey) -> {
            if (current.containsKey(oldKey)) {
                String value = current.remove(oldKey);
                String warning = "The " + app + " setting '" + oldKey + "' (" + where + ") is deprecated: use '"
                        + newKey + "' (" + envName(app, newKey) + ")";
                deprecations.add(warning);
                LOG.warn(warning);
                current.putIfAbsent(newKey, value);
            }
        });
        props.putAll(current);
    }

    private Map<String, String> check(Map<String, String> props) {
        for (String key : props.keySet()) {
            if (!definition.names().contains(key) && passThrough.stream().noneMatch(key::startsWith)) {
                throw new ConfigException("Unknown " + app + " setting '" + key + "' (did you mean '" + closest(key)
                        + "'?)");
            }
        }
        return props;
    }

    private String closest(String key) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        List<String> known = new ArrayList<>(definition.names());
        known.addAll(passThrough);
        return known.stream().min(Comparator.comparingInt((String name) -> distance.apply(key, name))
                .thenComparing(Comparator.naturalOrder())).orElse("");
    }

    private String keyOf(String name, Map<String, String> byEnvName) {
        String defined = byEnvName.get(name);
        if (defined != null) {
            return defined;
        }
        for (String prefix : passThrough) {
            String envPrefix = envForm(prefix);
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                return prefix + confluentDockerKey(name.substring(envPrefix.length()));
            }
        }
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Confluent's docker rule: {@code ___} is {@code -}, {@code __} is {@code _}, {@code _} is {@code .}. */
    static String confluentDockerKey(String name) {
        return name.toLowerCase(Locale.ROOT).replace("___", "\u0000").replace("__", "\u0001").replace('_', '.')
                .replace('\u0000', '-').replace('\u0001', '_');
    }

    private static String envPrefix(String app) {
        return "CLAYFLOW_" + envForm(app) + "_";
    }

    private static String envForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
