package io.clayflow.topology.intake;

import io.clayflow.config.LayeredProperties;
import io.clayflow.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The intake app's settings: defaults in {@code intake.properties} on the classpath, then an optional file, then
 * {@code CLAYFLOW_INTAKE_*} environment variables. Any Kafka Streams, client, producer or consumer setting passes
 * through under {@code streams.}, any serde or schema-registry setting under {@code serde.}.
 */
public class IntakeConfig extends AbstractConfig {

    public static final String DEFAULTS_RESOURCE = "intake.properties";
    public static final String ENV_PREFIX = "CLAYFLOW_INTAKE_";
    public static final String STREAMS_PREFIX = "streams.";
    public static final String SERDE_PREFIX = "serde.";

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    public static final String MAX_LENGTH_PREFIX = "validate.max.length.";
    public static final String MAX_ATTRIBUTES = "validate.max.attributes";
    public static final String MAX_ATTRIBUTE_LENGTH = "validate.max.attribute.length";

    public static final String EMAIL_PROVIDER_REWRITE = "normalize.email.provider.rewrite";
    public static final String FREE_EMAIL_DOMAINS = "normalize.free.email.domains";

    public static final String DEDUPE_TTL = "dedupe.ttl";
    public static final String DEDUPE_KEY_ORDER = "dedupe.key.order";

    public static final String THROTTLE_RATE_PER_SECOND = "throttle.rate.per.second";
    public static final String THROTTLE_BURST = "throttle.burst";
    public static final String THROTTLE_PUNCTUATE_INTERVAL_MS = "throttle.punctuate.interval.ms";

    public static final String BUDGET_CREDITS_PER_PERIOD = "budget.credits.per.period";
    public static final String BUDGET_PERIOD = "budget.period";
    public static final String BUDGET_CREDITS_PER_LEAD = "budget.credits.per.lead";

    /** Default maximum lengths (characters, after trimming) of the lead's free-text fields. */
    static final Map<LeadField, Integer> DEFAULT_MAX_LENGTHS = defaultMaxLengths();

    // Passed-through values whose key matches this are secrets: shown masked wherever config is printed.
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|token|jaas|user\\.info|credential|\\.key$).*");

    private static final ConfigDef CONFIG_DEF = definition();

    public IntakeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        long perLead = getLong(BUDGET_CREDITS_PER_LEAD);
        long perPeriod = getLong(BUDGET_CREDITS_PER_PERIOD);
        if (perLead > perPeriod) {
            throw new ConfigException(BUDGET_CREDITS_PER_LEAD, perLead, "a lead costs more credits than "
                    + BUDGET_CREDITS_PER_PERIOD + " (" + perPeriod + ") allows per period: nothing would ever be released");
        }
        Object guarantee = originals().get(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString().trim())) {
            throw new ConfigException(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                    "intake runs with " + StreamsConfig.EXACTLY_ONCE_V2 + " only: dedupe and the credit budget rely on it");
        }
        // Fail at start-up, not at the first record, if a pass-through setting names no valid Streams config.
        StreamsConfig.configDef().parse(streamsProperties());
    }

    /** The configuration of a running app: classpath defaults, then {@code file} when given, then the environment. */
    public static IntakeConfig load(Path file, Map<String, String> environment) {
        try {
            return new IntakeConfig(LayeredProperties.load(IntakeConfig.class, DEFAULTS_RESOURCE, file, ENV_PREFIX,
                    environment, "intake"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The defaults shipped in {@code intake.properties}. */
    public static Map<String, String> classpathDefaults() {
        return LayeredProperties.classpath(IntakeConfig.class, DEFAULTS_RESOURCE);
    }

    /**
     * Settings from environment variables: {@code CLAYFLOW_INTAKE_DEDUPE_TTL=P7D} sets {@code dedupe.ttl},
     * {@code CLAYFLOW_INTAKE_STREAMS_SECURITY_PROTOCOL=SASL_SSL} sets {@code streams.security.protocol}.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return LayeredProperties.fromEnvironment(ENV_PREFIX, environment);
    }

    /**
     * Everything Kafka Streams needs: the app's own keys, {@code exactly_once_v2}, clayflow's dead-letter handlers,
     * then every {@code streams.*} setting with the prefix taken off.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class.getName());
        props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.LEADS_DLQ);
        return props;
    }

    /** The Avro serde's settings (Confluent's keys): {@code schema.registry.url} and every {@code serde.*} setting. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = new HashMap<>(originalsWithPrefix(SERDE_PREFIX));
        configs.put(SCHEMA_REGISTRY_URL, String.join(",", getList(SCHEMA_REGISTRY_URL)));
        return configs;
    }

    /** Every setting, one {@code key=value} per line, sorted, secrets masked: safe to log. */
    public String describe() {
        Map<String, String> lines = new TreeMap<>();
        values().forEach((key, value) -> lines.put(key, CONFIG_DEF.configKeys().get(key).type == Type.PASSWORD
                ? "[hidden]" : String.valueOf(value)));
        originals().forEach((key, value) -> {
            if (key.startsWith(STREAMS_PREFIX) || key.startsWith(SERDE_PREFIX)) {
                lines.put(key, SECRET_KEY.matcher(key).matches() ? "[hidden]" : String.valueOf(value));
            }
        });
        StringBuilder out = new StringBuilder();
        lines.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        return out.toString();
    }

    public LeadValidator.Limits validationLimits() {
        Map<LeadField, Integer> maxLengths = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            maxLengths.put(field, getInt(MAX_LENGTH_PREFIX + field.fieldName()));
        }
        return new LeadValidator.Limits(maxLengths, getInt(MAX_ATTRIBUTES), getInt(MAX_ATTRIBUTE_LENGTH));
    }

    public boolean emailProviderRewrite() {
        return getBoolean(EMAIL_PROVIDER_REWRITE);
    }

    public Set<String> freeEmailDomains() {
        Set<String> domains = new HashSet<>();
        getList(FREE_EMAIL_DOMAINS).forEach(domain -> domains.add(domain.trim().toLowerCase(Locale.ROOT)));
        return Set.copyOf(domains);
    }

    public Duration dedupeTtl() {
        return Duration.parse(getString(DEDUPE_TTL));
    }

    public List<DedupeKey.Kind> dedupeKeyOrder() {
        return getList(DEDUPE_KEY_ORDER).stream().map(DedupeKey.Kind::of).toList();
    }

    public double throttleRatePerSecond() {
        return getDouble(THROTTLE_RATE_PER_SECOND);
    }

    public int throttleBurst() {
        return getInt(THROTTLE_BURST);
    }

    public Duration punctuateInterval() {
        return Duration.ofMillis(getLong(THROTTLE_PUNCTUATE_INTERVAL_MS));
    }

    public long budgetCreditsPerPeriod() {
        return getLong(BUDGET_CREDITS_PER_PERIOD);
    }

    public Duration budgetPeriod() {
        return Duration.parse(getString(BUDGET_PERIOD));
    }

    public long budgetCreditsPerLead() {
        return getLong(BUDGET_CREDITS_PER_LEAD);
    }

    /** The definition, for documentation and tooling. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        String group = "Kafka";
        int order = 0;
        def.define(APPLICATION_ID, Type.STRING, "clayflow-intake", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Kafka Streams application.id: the consumer group and the prefix of internal topics. "
                                + "Every instance of one intake deployment shares it.",
                        group, ++order, Width.MEDIUM, "Application id")
                .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", nonEmptyList(), Importance.HIGH,
                        "Kafka brokers to bootstrap from. Security settings pass through as streams.security.protocol, "
                                + "streams.sasl.jaas.config, streams.ssl.truststore.location, ...",
                        group, ++order, Width.LONG, "Bootstrap servers")
                .define(SCHEMA_REGISTRY_URL, Type.LIST, "http://localhost:8081", nonEmptyList(), Importance.HIGH,
                        "Base URLs of the Confluent-compatible schema registry. Other serde and registry settings "
                                + "pass through as serde.<key> (serde.basic.auth.user.info, serde.auto.register.schemas, ...).",
                        group, ++order, Width.LONG, "Schema registry URLs");

        group = "Validation";
        order = 0;
        for (LeadField field : LeadField.values()) {
            def.define(MAX_LENGTH_PREFIX + field.fieldName(), Type.INT, DEFAULT_MAX_LENGTHS.get(field),
                    Range.between(1, 100_000), Importance.LOW,
                    "Longest " + field.fieldName() + " accepted, in characters after trimming; longer leads are "
                            + "dead-lettered with rule " + field.fieldName() + ".too_long.",
                    group, ++order, Width.SHORT, "Max length of " + field.fieldName());
        }
        def.define(MAX_ATTRIBUTES, Type.INT, 100, Range.between(0, 10_000), Importance.LOW,
                        "Most attributes entries accepted (rule attributes.too_many).",
                        group, ++order, Width.SHORT, "Max attributes")
                .define(MAX_ATTRIBUTE_LENGTH, Type.INT, 2_000, Range.between(1, 1_000_000), Importance.LOW,
                        "Longest attribute key or value accepted, in characters (rule attributes.too_long).",
                        group, ++order, Width.SHORT, "Max attribute length");

        group = "Normalization";
        order = 0;
        def.define(EMAIL_PROVIDER_REWRITE, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Rewrite addresses the way their provider reads them before deduplicating: Gmail ignores dots "
                                + "and +tags (and googlemail.com is gmail.com); Outlook, iCloud, Fastmail and Proton ignore "
                                + "+tags. Off by default: the address Clay sees is then exactly the one given.",
                        group, ++order, Width.SHORT, "Provider-specific email rewriting")
                .define(FREE_EMAIL_DOMAINS, Type.LIST, String.join(",", LeadNormalizer.DEFAULT_FREE_EMAIL_DOMAINS),
                        Importance.LOW,
                        "Mailbox providers whose domain is not a company's: company_domain is never derived from "
                                + "an address at one of them.",
                        group, ++order, Width.LONG, "Free email domains");

        group = "Dedupe";
        order = 0;
        def.define(DEDUPE_TTL, Type.STRING, "P30D", positiveDuration(), Importance.HIGH,
                        "How long a lead accepted for release blocks the same person (ISO-8601, e.g. P30D, PT12H). "
                                + "The dedupe store keeps keys this long and then drops them.",
                        group, ++order, Width.SHORT, "Dedupe TTL")
                .define(DEDUPE_KEY_ORDER, Type.LIST, "email,linkedin,name_domain", dedupeKeyOrderValidator(), Importance.MEDIUM,
                        "The order in which a lead's dedupe key is chosen: the first kind the lead has wins. Each of "
                                + "email, linkedin and name_domain exactly once, so every valid lead has a key.",
                        group, ++order, Width.MEDIUM, "Dedupe key order");

        group = "Throttle";
        order = 0;
        def.define(THROTTLE_RATE_PER_SECOND, Type.DOUBLE, 10.0, Range.between(0.001, 1_000_000), Importance.HIGH,
                        "Leads released into leads.clay.outbox per second, across every instance and partition.",
                        group, ++order, Width.SHORT, "Release rate (per second)")
                .define(THROTTLE_BURST, Type.INT, 20, Range.between(1, 1_000_000), Importance.HIGH,
                        "Most leads released at once after a quiet spell (the token bucket's size).",
                        group, ++order, Width.SHORT, "Burst")
                .define(THROTTLE_PUNCTUATE_INTERVAL_MS, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
                        "How often, in wall-clock milliseconds, the throttle looks at its backlog and releases what "
                                + "the bucket and the budget allow.",
                        group, ++order, Width.SHORT, "Punctuation interval (ms)");

        group = "Credit budget";
        order = 0;
        def.define(BUDGET_CREDITS_PER_PERIOD, Type.LONG, 10_000L, Range.atLeast(1), Importance.HIGH,
                        "Clay credits intake may spend per budget period; once spent, leads wait (durably, in order) "
                                + "for the next period.",
                        group, ++order, Width.SHORT, "Credits per period")
                .define(BUDGET_PERIOD, Type.STRING, "P1D", positiveDuration(), Importance.HIGH,
                        "Length of a budget period (ISO-8601). Periods are aligned to the UTC epoch, so P1D starts at "
                                + "UTC midnight and PT1H on the hour.",
                        group, ++order, Width.SHORT, "Budget period")
                .define(BUDGET_CREDITS_PER_LEAD, Type.LONG, 1L, Range.atLeast(0), Importance.MEDIUM,
                        "Credits one released lead costs (the enrichments its Clay table runs); 0 turns the budget off.",
                        group, ++order, Width.SHORT, "Credits per lead");
        return def;
    }

    private static Map<LeadField, Integer> defaultMaxLengths() {
        Map<LeadField, Integer> lengths = new LinkedHashMap<>();
        lengths.put(LeadField.EMAIL, 254);
        lengths.put(LeadField.FIRST_NAME, 100);
        lengths.put(LeadField.LAST_NAME, 100);
        lengths.put(LeadField.COMPANY_NAME, 200);
        lengths.put(LeadField.COMPANY_DOMAIN, 253);
        lengths.put(LeadField.TITLE, 200);
        lengths.put(LeadField.LINKEDIN_URL, 300);
        lengths.put(LeadField.PHONE, 50);
        lengths.put(LeadField.SOURCE, 100);
        lengths.put(LeadField.SOURCE_ID, 200);
        return Map.copyOf(lengths);
    }

    private static ConfigDef.Validator nonEmptyList() {
        return (name, value) -> {
            if (value == null || ((List<?>) value).isEmpty()
                    || ((List<?>) value).stream().anyMatch(item -> item.toString().isBlank())) {
                throw new ConfigException(name, value, "must be a non-empty, comma-separated list");
            }
        };
    }

    private static ConfigDef.Validator positiveDuration() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    Duration duration = Duration.parse(String.valueOf(value).trim());
                    if (duration.isNegative() || duration.isZero()) {
                        throw new ConfigException(name, value, "must be a positive duration");
                    }
                } catch (DateTimeParseException e) {
                    throw new ConfigException(name, value, "must be an ISO-8601 duration such as P30D, PT12H or PT0.5S");
                }
            }

            @Override
            public String toString() {
                return "an ISO-8601 duration > 0, e.g. P30D";
            }
        };
    }

    private static ConfigDef.Validator dedupeKeyOrderValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                List<DedupeKey.Kind> kinds = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    try {
                        kinds.add(DedupeKey.Kind.of(item.toString()));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
                if (kinds.size() != DedupeKey.Kind.values().length || Set.copyOf(kinds).size() != kinds.size()) {
                    throw new ConfigException(name, value,
                            "must list each of email, linkedin and name_domain exactly once, in the order wanted");
                }
            }

            @Override
            public String toString() {
                return "a permutation of email,linkedin,name_domain";
            }
        };
    }
}
