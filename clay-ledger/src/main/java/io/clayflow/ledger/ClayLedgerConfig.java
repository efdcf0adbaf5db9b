package io.clayflow.ledger;

import io.clayflow.config.AppSettings;
import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.StateStores;
import io.clayflow.streams.ConfigLoader;
import io.clayflow.streams.PositiveDuration;
import io.clayflow.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The Clay ledger's settings: defaults in {@code ledger.properties} on the classpath, then an optional file, then
 * {@code CLAYFLOW_LEDGER_*} environment variables (through {@link AppSettings}). Any Kafka Streams or client setting
 * passes through under {@code streams.}. String keys and raw bytes always deserialize (the ledger never decodes a
 * lead): it needs no deserialization handler.
 */
public class ClayLedgerConfig extends StreamsAppConfig {

    public static final String APP = "ledger";
    public static final String ENV_PREFIX = AppSettings.envName(APP, "");
    /** Where the ledger serves GET /metrics and its health by default. */
    public static final int DEFAULT_MANAGEMENT_PORT = 9194;

    /** How long a row Clay accepted may wait for its callback before it is overdue (ISO-8601). */
    public static final String CALLBACK_TIMEOUT = "clay.callback.timeout";
    /** Per-table timeouts: {@code <table>=<ISO-8601 duration>}, comma-separated. */
    public static final String CALLBACK_TIMEOUT_TABLES = "clay.callback.timeout.tables";
    /** How often the ledger looks for overdue rows and publishes its figures (ISO-8601, wall clock). */
    public static final String CHECK_INTERVAL = "clay.ledger.check.interval";

    private static final ConfigDef CONFIG_DEF = definition();

    /** How the ledger reads its settings: {@code ledger.properties}, then a file, then {@code CLAYFLOW_LEDGER_*}. */
    public static final ConfigLoader<ClayLedgerConfig> LOADER = new ConfigLoader<>(APP, CONFIG_DEF,
            ClayLedgerConfig.class, ClayLedgerConfig::new);

    /** @param props the settings as they are (no defaults added); unknown keys are refused */
    public ClayLedgerConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, APP, "a row must become overdue, and be dead-lettered, exactly once");
        tableTimeouts(); // a bad entry fails here, naming the key
    }

    public static ClayLedgerConfig load(Path file, Map<String, String> environment) {
        return LOADER.load(file, environment);
    }

    /** The default timeout and the tables' own. */
    public TableTimeouts tableTimeouts() {
        return TableTimeouts.parse(CALLBACK_TIMEOUT_TABLES, getDuration(CALLBACK_TIMEOUT),
                getList(CALLBACK_TIMEOUT_TABLES));
    }

    public Duration checkInterval() {
        return getDuration(CHECK_INTERVAL);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        defineCommon(def, StateStores.Ledger.APPLICATION_ID, APP, DEFAULT_MANAGEMENT_PORT);
        ConfigDef.Validator duration = new PositiveDuration("PT30M or PT2H");
        return KeyGroup.of(def, "Callbacks")
                .define(CALLBACK_TIMEOUT, Type.STRING, "PT30M", duration, Importance.HIGH,
                        "Callback timeout",
                        "How long a row Clay accepted (2xx) may wait for its callback before it is overdue: "
                                + "counted, and written once to leads.dlq (stage clay, reason callback.overdue). "
                                + "ISO-8601, e.g. PT30M.")
                .define(CALLBACK_TIMEOUT_TABLES, Type.LIST, List.of(), Importance.MEDIUM,
                        "Callback timeout per table",
                        "Tables whose rows get their own timeout: <table>=<ISO-8601 duration>, comma-separated, "
                                + "e.g. 'slow-ai-table=PT2H,fast=PT5M'. Other tables use " + CALLBACK_TIMEOUT + ".")
                .define(CHECK_INTERVAL, Type.STRING, "PT10S", duration, Importance.LOW,
                        "Check interval",
                        "How often (wall clock) the ledger looks for overdue rows and publishes its figures. A row "
                                + "is found overdue at most this long after its timeout.")
                .definition();
    }
}
