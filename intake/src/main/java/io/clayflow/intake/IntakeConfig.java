package io.clayflow.intake;

import io.clayflow.config.AppSettings;
import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.StateStores;
import io.clayflow.streams.ConfigLoader;
import io.clayflow.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;

/**
 * The intake app's settings: defaults in {@code intake.properties} on the classpath, then an optional file, then
 * {@code CLAYFLOW_INTAKE_*} environment variables (read through {@link AppSettings}: every defined key is reachable,
 * an unknown key is refused naming the closest one). Any Kafka Streams, client, producer or consumer setting passes
 * through under {@code streams.}, any serde or schema-registry setting under {@code serde.}.
 */
public class IntakeConfig extends StreamsAppConfig {

    public static final String APP = "intake";
    public static final String ENV_PREFIX = AppSettings.envName(APP, "");
    /** Where intake serves GET /metrics and its health by default. */
    public static final int DEFAULT_METRICS_PORT = 9191;

    public static final String MAX_LENGTH_PREFIX = "validate.max.length.";
    public static final String MAX_ATTRIBUTES = "validate.max.attributes";
    public static final String MAX_ATTRIBUTE_LENGTH = "validate.max.attribute.length";

    public static final String EMAIL_PROVIDER_REWRITE = "normalize.email.provider.rewrite";
    public static final String FREE_EMAIL_DOMAINS = "normalize.free.email.domains";

    public static final String DEDUPE_TTL = "dedupe.ttl";
    public static final String DEDUPE_KEY_ORDER = "dedupe.key.order";

    public static final String CACHE_POLICY = "cache.policy";
    public static final String CACHE_TTL = "cache.ttl";
    public static final String CACHE_REENRICH_MAX_AGE = "cache.reenrich.max.age";
    public static final String CACHE_HOLD_MAX = "cache.hold.max";

    public static final String THROTTLE_RATE_PER_SECOND = "throttle.rate.per.second";
    public static final String THROTTLE_BURST = "throttle.burst";
    public static final String THROTTLE_PUNCTUATE_INTERVAL_MS = "throttle.punctuate.interval.ms";

    public static final String BUDGET_ACTIONS_PER_PERIOD = "budget.actions.per.period";
    public static final String BUDGET_DATA_CREDITS_PER_PERIOD = "budget.data.credits.per.period";
    public static final String BUDGET_PERIOD = "budget.period";
    public static final String COST_ACTIONS_PER_ROW = "cost.actions.per.row";
    public static final String COST_DATA_CREDITS_PER_ROW = "cost.data.credits.per.row";
    public static final String COST_TABLE = "cost.table";

    /** @deprecated the one-meter budget's key; still read (with a warning) as {@link #BUDGET_ACTIONS_PER_PERIOD} */
    @Deprecated
    public static final String BUDGET_CREDITS_PER_PERIOD = "budget.credits.per.period";
    /** @deprecated the one-meter budget's key; still read (with a warning) as {@link #COST_ACTIONS_PER_ROW} */
    @Deprecated
    public static final String BUDGET_CREDITS_PER_LEAD = "budget.credits.per.lead";
    /** Intake's old keys that still work, each with its new key: the one meter they set is the Actions meter. */
    public static final Map<String, String> RENAMED = Map.of(BUDGET_CREDITS_PER_PERIOD, BUDGET_ACTIONS_PER_PERIOD,
            BUDGET_CREDITS_PER_LEAD, COST_ACTIONS_PER_ROW);

    /** Default maximum lengths (characters, after trimming) of the lead's free-text fields. */
    static final Map<LeadField, Integer> DEFAULT_MAX_LENGTHS = Map.of(
            LeadField.EMAIL, 254,
            LeadField.FIRST_NAME, 100,
            LeadField.LAST_NAME, 100,
            LeadField.COMPANY_NAME, 200,
            LeadField.COMPANY_DOMAIN, 253,
            LeadField.TITLE, 200,
            LeadField.LINKEDIN_URL, 300,
            LeadField.PHONE, 50,
            LeadField.SOURCE, 100,
            LeadField.SOURCE_ID, 200);

    private static final ConfigDef CONFIG_DEF = definition();

    /** How intake reads its settings: {@code intake.properties}, then a file, then {@code CLAYFLOW_INTAKE_*}. */
    public static final ConfigLoader<IntakeConfig> LOADER = new ConfigLoader<>(APP, CONFIG_DEF, IntakeConfig.class,
            IntakeConfig::new, RENAMED);

    private final TokenBucket bucket;
    private final CreditBudget budget;
    private final CostEstimates costs;

    /** @param props the settings as they are (no defaults added); unknown keys are refused */
    public IntakeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, APP, "dedupe and the credit budget rely on it", RENAMED);
        this.bucket = ReleaseKeys.tokenBucket(this);
        this.budget = ReleaseKeys.creditBudget(this);
        this.costs = ReleaseKeys.costEstimates(this);
    }

    /** The configuration of a running app: classpath defaults, then {@code file} when given, then the environment. */
    public static IntakeConfig load(Path file, Map<String, String> environment) {
        return LOADER.load(file, environment);
    }

    /** What intake starts from when nothing is set: every key's default and what {@code intake.properties} sets. */
    public static Map<String, String> classpathDefaults() {
        return LOADER.defaults();
    }

    @Override
    protected Class<? extends DeserializationExceptionHandler> deserializationExceptionHandler() {
        return IntakeDecodeHandler.class;
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
        return getDuration(DEDUPE_TTL);
    }

    public List<DedupeKey.Kind> dedupeKeyOrder() {
        return DedupeKey.order(getList(DEDUPE_KEY_ORDER));
    }

    /** The enrichment cache's policy and durations; an unset {@code cache.ttl} is the dedupe TTL. */
    public EnrichmentCacheSettings enrichmentCache() {
        return EnrichmentCacheKeys.settings(this);
    }

    /** The throttle's token bucket: {@code throttle.rate.per.second}, {@code throttle.burst}. */
    TokenBucket tokenBucket() {
        return bucket;
    }

    public double throttleRatePerSecond() {
        return bucket.ratePerSecond();
    }

    public int throttleBurst() {
        return bucket.burst();
    }

    /** How often the throttle releases from its backlog ({@code throttle.punctuate.interval.ms}). */
    public Duration punctuateInterval() {
        return Duration.ofMillis(getLong(THROTTLE_PUNCTUATE_INTERVAL_MS));
    }

    /** What intake may spend per period on each of Clay's meters, and what a row is estimated to cost. */
    CreditBudget creditBudget() {
        return budget;
    }

    /** Clay Actions intake may spend per period; 0 when that meter is not limited. */
    public long budgetActionsPerPeriod() {
        return budget.perPeriod().actions();
    }

    /** @deprecated the Actions meter's: use {@link #budgetActionsPerPeriod()} */
    @Deprecated
    public long budgetCreditsPerPeriod() {
        return budgetActionsPerPeriod();
    }

    /** The estimated Clay Actions of one row sent (its enrichments, plus 1 for the HTTP API callback column). */
    public long costActionsPerRow() {
        return budget.perRow().actions();
    }

    /** @deprecated the Actions meter's: use {@link #costActionsPerRow()} */
    @Deprecated
    public long budgetCreditsPerLead() {
        return costActionsPerRow();
    }

    /** The cost ledger's estimates: the table booked to until a callback names one ({@code cost.table}), per row. */
    CostEstimates costEstimates() {
        return costs;
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        defineCommon(def, StateStores.Intake.APPLICATION_ID, APP, DEFAULT_METRICS_PORT);

        KeyGroup validation = KeyGroup.of(def, "Validation");
        for (LeadField field : LeadField.values()) {
            validation.define(MAX_LENGTH_PREFIX + field.fieldName(), Type.INT, DEFAULT_MAX_LENGTHS.get(field),
                    Range.between(1, 100_000), Importance.LOW, "Max length of " + field.fieldName(),
                    "Longest " + field.fieldName() + " accepted, in characters after trimming; longer leads are "
                            + "dead-lettered with rule " + field.fieldName() + ".too_long.");
        }
        validation.define(MAX_ATTRIBUTES, Type.INT, 100, Range.between(0, 10_000), Importance.LOW, "Max attributes",
                        "Most attributes entries accepted (rule attributes.too_many).")
                .define(MAX_ATTRIBUTE_LENGTH, Type.INT, 2_000, Range.between(1, 1_000_000), Importance.LOW,
                        "Max attribute length",
                        "Longest attribute key or value accepted, in characters (rule attributes.too_long).");

        KeyGroup.of(def, "Normalization")
                .define(EMAIL_PROVIDER_REWRITE, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Provider-specific email rewriting",
                        "Rewrite addresses the way their provider reads them before deduplicating: Gmail ignores dots "
                                + "and +tags (and googlemail.com is gmail.com); Outlook, iCloud, Fastmail and Proton ignore "
                                + "+tags. Off by default: the address Clay sees is then exactly the one given.")
                .define(FREE_EMAIL_DOMAINS, Type.LIST, String.join(",", LeadNormalizer.DEFAULT_FREE_EMAIL_DOMAINS),
                        Importance.LOW, "Free email domains",
                        "Mailbox providers whose domain is not a company's: company_domain is never derived from "
                                + "an address at one of them.");

        // Durations are STRINGs so that the value reads as written (ISO-8601), checked by IntakeValidators.positiveDuration().
        KeyGroup.of(def, "Dedupe")
                .define(DEDUPE_TTL, Type.STRING, "P30D", IntakeValidators.positiveDuration(), Importance.HIGH, "Dedupe TTL",
                        "How long a lead accepted for release blocks the same person (ISO-8601, e.g. P30D, PT12H). The "
                                + "dedupe store keeps keys this long and then drops them.")
                .define(DEDUPE_KEY_ORDER, Type.LIST, "email,linkedin,name_domain", IntakeValidators.dedupeKeyOrder(),
                        Importance.MEDIUM, "Dedupe key order",
                        "The order in which a lead's dedupe key is chosen: the first kind the lead has wins. Each of "
                                + "email, linkedin and name_domain exactly once, so every valid lead has a key.");

        EnrichmentCacheKeys.define(def);

        ReleaseKeys.define(def, IntakeValidators.positiveDuration());
        return def;
    }
}
