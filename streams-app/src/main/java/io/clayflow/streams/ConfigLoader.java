package io.clayflow.streams;

import io.clayflow.config.AppSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How one Streams app's configuration is read: its shipped defaults file ({@code <app>.properties} on the
 * classpath), then an optional file, then
 * {@code CLAYFLOW_<APP>_*} environment variables, every key checked through {@link AppSettings}.
 *
 * @param <C> the app's configuration class
 */
public final class ConfigLoader<C extends StreamsAppConfig> {

    private final String app;
    private final ConfigDef definition;
    private final Class<C> type;
    private final Function<Map<String, String>, C> create;
    private final Map<String, String> renamed;

    /**
     * @param type the configuration's class, next to which its defaults file {@code <app>.properties} lies
     * @param create the configuration's constructor
     */
    public ConfigLoader(String app, ConfigDef definition, Class<C> type, Function<Map<String, String>, C> create) {
        this(app, definition, type, create, Map.of());
    }

    /** @param renamed the app's own old keys that still work (with a warning), each with its new key */
    public ConfigLoader(String app, ConfigDef definition, Class<C> type, Function<Map<String, String>, C> create,
            Map<String, String> renamed) {
        this.renamed = Map.copyOf(renamed);
        this.app = Objects.requireNonNull(app, "app");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.type = Objects.requireNonNull(type, "type");
        this.create = Objects.requireNonNull(create, "create");
    }

    /** A new reader of the app's settings (each keeps the deprecation warnings it logged). */
    public AppSettings settings() {
        return StreamsAppConfig.settings(app, definition, renamed).defaults(type, defaultsResource());
    }

    /** The configuration of a running app: the defaults, then {@code file} when given, then the environment. */
    public C load(Path file, Map<String, String> environment) {
        return create.apply(settings().load(file, environment));
    }

    /** The shipped defaults with {@code overrides} on top: how tests and the local stack configure an app. */
    public C resolve(Map<String, String> overrides) {
        return create.apply(settings().resolve(overrides));
    }

    /** What the app starts from when nothing is set: every key's default, then what its defaults file sets. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        definition.configKeys().values().stream().filter(key -> key.hasDefault() && key.defaultValue != null)
                .forEach(key -> defaults.put(key.name, ConfigDef.convertToString(key.defaultValue, key.type)));
        defaults.putAll(settings().resolve(Map.of()));
        return defaults;
    }

    /** The classpath resource of the app's shipped defaults, e.g. {@code intake.properties}. */
    public String defaultsResource() {
        return app + ".properties";
    }

    /** A copy of the app's definition, for documentation, tooling and tests. */
    public ConfigDef definition() {
        return new ConfigDef(definition);
    }
}
