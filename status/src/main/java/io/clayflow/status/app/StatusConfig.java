package io.clayflow.status.app;

import io.clayflow.config.AppSettings;
import io.clayflow.config.ManagementEndpoint;
import io.clayflow.config.SharedKeys;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.StatusCollector;
import io.clayflow.status.page.StatusLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The status app's settings, read like every app's ({@link AppSettings}: defaults, an optional file, then
 * {@code CLAYFLOW_STATUS_*}): where Kafka is, the management port, how fresh the figures are kept, which names to
 * read, and what budget and quota are shown against. The budget is intake's own key, and intake's variable
 * {@code CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD} (or the older {@code CLAYFLOW_INTAKE_BUDGET_CREDITS_PER_PERIOD}) sets it here too, so one setting serves both.
 */
public final class StatusConfig extends AbstractConfig {

    public static final String APP = "status";
    public static final int DEFAULT_MANAGEMENT_PORT = 9193;
    /** Any admin or consumer client setting (security, SASL, SSL) passes through under this prefix. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String REFRESH_MS = "refresh.ms";
    public static final String TIMEOUT_MS = "timeout.ms";
    public static final String INTAKE_APPLICATION_ID = "intake.application.id";
    public static final String ROUTING_APPLICATION_ID = "routing.application.id";
    public static final String DLQ_TOPIC = "dlq.topic";
    public static final String CLAY_SINK_STATE_TOPICS = "clay.sink.state.topics";
    public static final String REPLAY_LOG_TOPIC = "replay.log.topic";
    public static final String WEBHOOK_SUBMISSION_LIMIT = "webhook.submission.limit";
    /** Intake's key, read with intake's environment variable too: the budget is one setting. */
    public static final String BUDGET_CREDITS_PER_PERIOD = "budget.credits.per.period";
    /** Intake's Actions budget key, whose variable ({@code CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD}) sets ours. */
    static final String INTAKE_BUDGET_ACTIONS_PER_PERIOD = "budget.actions.per.period";

    private static final ConfigDef DEFINITION = definition();

    public StatusConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
    }

    /** Defaults, then {@code file} when not null, then the environment (intake's budget variable included). */
    public static StatusConfig load(Path file, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        // Intake's Actions budget, under its current key first, then the one-meter key it replaced.
        for (String intakeKey : List.of(INTAKE_BUDGET_ACTIONS_PER_PERIOD, BUDGET_CREDITS_PER_PERIOD)) {
            String intakeBudget = AppSettings.envName("intake", intakeKey);
            if (environment.containsKey(intakeBudget)) {
                env.putIfAbsent(AppSettings.envName(APP, BUDGET_CREDITS_PER_PERIOD), environment.get(intakeBudget));
            }
        }
        return new StatusConfig(settings().load(file, env));
    }

    /** Defaults with {@code overrides} on top: tests and the local stack. */
    public static StatusConfig withOverrides(Map<String, String> overrides) {
        return new StatusConfig(settings().resolve(overrides));
    }

    static AppSettings settings() {
        return AppSettings.forApp(APP, DEFINITION).passThrough(KAFKA_PREFIX);
    }

    public static ConfigDef definition() {
        ConfigDef def = SharedKeys.defineConnection(new ConfigDef(), "Kafka");
        ManagementEndpoint.define(def, DEFAULT_MANAGEMENT_PORT,
                "Address the status page, /status.json, /metrics and health bind to.",
                "Port of the status page, /status.json, /metrics and /health/*.");
        def.define(REFRESH_MS, Type.LONG, 2_000L, Range.atLeast(100), Importance.LOW,
                        "A reading younger than this is served as it is; an older one starts a new reading.")
                .define(TIMEOUT_MS, Type.LONG, 5_000L, Range.atLeast(100), Importance.LOW,
                        "The longest one reading of Kafka waits for the cluster.")
                .define(INTAKE_APPLICATION_ID, Type.STRING, StateStores.Intake.APPLICATION_ID,
                        new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "The intake app's application.id: its consumer group and internal topics.")
                .define(ROUTING_APPLICATION_ID, Type.STRING, StateStores.Routing.APPLICATION_ID,
                        new ConfigDef.NonEmptyString(), Importance.LOW, "The routing app's application.id.")
                .define(DLQ_TOPIC, Type.STRING, Topics.LEADS_DLQ, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "The dead-letter topic.")
                .define(CLAY_SINK_STATE_TOPICS, Type.LIST, List.of(Topics.CLAY_SINK_STATE,
                                Topics.LEGACY_CLAY_WEBHOOK_QUOTA), SharedKeys.NON_EMPTY_LIST, Importance.LOW,
                        "The Clay sink's state topics, all read (a webhook's count is the largest found).")
                .define(REPLAY_LOG_TOPIC, Type.STRING, Topics.DLQ_REPLAYS, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Where clayflow dlq replay records what it replayed.")
                .define(WEBHOOK_SUBMISSION_LIMIT, Type.LONG, 50_000L, Range.atLeast(1), Importance.LOW,
                        "A Clay webhook's lifetime submissions, what the quota is shown against.")
                .define(BUDGET_CREDITS_PER_PERIOD, Type.LONG, 10_000L, Range.atLeast(1), Importance.MEDIUM,
                        "Intake's Actions budget per period, what credits left are shown against (also set by "
                                + AppSettings.envName("intake", INTAKE_BUDGET_ACTIONS_PER_PERIOD) + " or, deprecated, "
                                + AppSettings.envName("intake", BUDGET_CREDITS_PER_PERIOD) + ").");
        return def;
    }

    /** Where the page, /status.json, /metrics and health are served. */
    public ManagementEndpoint management() {
        return ManagementEndpoint.of(this);
    }

    public Duration refreshInterval() {
        return Duration.ofMillis(getLong(REFRESH_MS));
    }

    public Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS));
    }

    /** The webhook quota and the credit budget the page shows the figures against. */
    public StatusLimits limits() {
        return new StatusLimits(getLong(WEBHOOK_SUBMISSION_LIMIT), getLong(BUDGET_CREDITS_PER_PERIOD));
    }

    public StatusCollector.Options names() {
        return new StatusCollector.Options(getString(INTAKE_APPLICATION_ID), getString(ROUTING_APPLICATION_ID),
                getString(DLQ_TOPIC), getList(CLAY_SINK_STATE_TOPICS), getString(REPLAY_LOG_TOPIC));
    }

    /** The cluster the collector reads: the brokers, the {@code kafka.*} client settings, the reading timeout. */
    public ClusterSettings cluster() {
        Map<String, String> client = new HashMap<>();
        originalsWithPrefix(KAFKA_PREFIX).forEach((key, value) -> client.put(key, String.valueOf(value)));
        client.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "clayflow-status");
        return new ClusterSettings(String.join(",", getList(SharedKeys.BOOTSTRAP_SERVERS)),
                String.join(",", getList(SharedKeys.SCHEMA_REGISTRY_URL)), client, timeout());
    }
}
