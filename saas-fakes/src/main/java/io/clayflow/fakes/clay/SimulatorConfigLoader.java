package io.clayflow.fakes.clay;

import io.clayflow.config.AppSettings;
import io.clayflow.config.Secrets;
import io.clayflow.fakes.hubspot.HubSpotSettings;
import io.clayflow.fakes.outreach.OutreachSettings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads the fakes app's settings through {@link AppSettings}: the {@link #definition} defaults, then an optional
 * properties file, then {@code CLAYFLOW_SIMULATOR_*} environment variables. The Clay fake's keys sit at the root
 * (their names are a contract: compose and the stack use them); the HubSpot fake's under {@value #HUBSPOT_PREFIX},
 * the Outreach fake's under {@value #OUTREACH_PREFIX}. An unknown key fails naming the closest known one, a bad value
 * naming its key ({@link org.apache.kafka.common.config.ConfigException}). The keys are constants of
 * {@link ClaySettings}, {@link HubSpotSettings} and {@link OutreachSettings}.
 */
public final class SimulatorConfigLoader {

    /** The app's name in messages and in its environment prefix. */
    public static final String APP = "simulator";
    /** {@code CLAYFLOW_SIMULATOR_}, by the one rule every app's environment follows. */
    public static final String ENV_PREFIX = AppSettings.envName(APP, "");
    public static final String HUBSPOT_PREFIX = "hubspot.";
    public static final String OUTREACH_PREFIX = "outreach.";

    private SimulatorConfigLoader() {
    }

    /** Every key of the app without per-webhook ones: the Clay fake's, {@code hubspot.*} and {@code outreach.*}. */
    public static ConfigDef definition() {
        return definition(List.of());
    }

    /**
     * Every key of the app, with {@code webhook.<id>.token|submission.cap|row.cap} for each of {@code webhookIds}:
     * defined so that they are checked and can be set from the environment like any other key.
     */
    public static ConfigDef definition(Collection<String> webhookIds) {
        ConfigDef definition = ClaySettings.definition(webhookIds);
        scope(definition, HUBSPOT_PREFIX, HubSpotSettings.definition());
        scope(definition, OUTREACH_PREFIX, OutreachSettings.definition());
        return definition;
    }

    /**
     * Defines {@code child}'s keys under {@code prefix}. Not {@link ConfigDef#embed}: its validators see the key
     * without the prefix, so an error would name {@code mailbox.ids} where the user wrote
     * {@code outreach.mailbox.ids}.
     */
    private static void scope(ConfigDef into, String prefix, ConfigDef child) {
        String group = prefix.substring(0, prefix.length() - 1);
        int order = 0;
        for (ConfigDef.ConfigKey key : child.configKeys().values()) {
            into.define(prefix + key.name, key.type, key.defaultValue, key.validator, key.importance,
                    key.documentation, group, order++, key.width, prefix + key.name);
        }
    }

    /** The Clay fake's configuration: {@link #definition} defaults, then {@code file} when given, then the environment. */
    public static SimulatorConfig load(Path file, Map<String, String> environment) {
        return loadApp(file, environment).clay();
    }

    /** Every fake the app runs, read like {@link #load}. */
    public static SaasFakesConfig loadApp(Path file, Map<String, String> environment) {
        return read(settings -> settings.load(file, environment));
    }

    /** The Clay fake's configuration from {@code props} over the defaults (what the stack and tests use). */
    public static SimulatorConfig fromProperties(Map<String, String> props) {
        return read(settings -> settings.resolve(props)).clay();
    }

    /**
     * The defaults as properties.
     *
     * @deprecated the defaults live in {@link #definition()}; nothing is shipped on the classpath any more, and
     *             {@link #fromProperties} applies them itself. Kept for callers that start from this map.
     */
    @Deprecated
    public static Map<String, String> classpathDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        definition().defaultValues().forEach((key, value) -> {
            if (value != null) {
                defaults.put(key, text(value));
            }
        });
        return defaults;
    }

    /** The app's {@link AppSettings}, knowing the per-webhook keys of {@code webhookIds}. */
    public static AppSettings settings(Collection<String> webhookIds) {
        return AppSettings.forApp(APP, definition(webhookIds));
    }

    /**
     * Two passes, because which per-webhook keys exist depends on a setting: the first reads {@code webhooks} with
     * every {@code webhook.*} key let through, the second checks every key against the definition for those ids.
     */
    private static SaasFakesConfig read(Function<AppSettings, Map<String, String>> source) {
        Map<String, String> first = source.apply(settings(List.of()).passThrough(ClaySettings.WEBHOOK_PREFIX));
        List<String> ids = new AbstractConfig(definition(), first, false).getList(ClaySettings.WEBHOOKS);
        ConfigDef definition = definition(ids);
        Map<String, String> props = source.apply(AppSettings.forApp(APP, definition));
        AbstractConfig app = new AbstractConfig(definition, props, false);
        return new SaasFakesConfig(new ClaySettings(ClaySettings.definition(ids), props).toSimulatorConfig(),
                HubSpotSettings.enabledIn(app.originalsWithPrefix(HUBSPOT_PREFIX)),
                OutreachSettings.enabledIn(app.originalsWithPrefix(OUTREACH_PREFIX)), Secrets.describe(app, definition));
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value instanceof Password password ? password.value() : String.valueOf(value);
    }
}
