package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.streams.DeadLetterProcessingHandler;
import io.clayflow.streams.SettingSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, overrides, pass-through and start-up validation of the intake configuration. */
class IntakeConfigTest {

    private static final SettingSamples SAMPLES = new SettingSamples(Map.ofEntries(
            Map.entry("application.id", "intake-eu"),
            Map.entry("bootstrap.servers", "broker-1:9092,broker-2:9092"),
            Map.entry("schema.registry.url", "https://registry.example.com"),
            Map.entry("management.host", "127.0.0.1"),
            Map.entry("normalize.free.email.domains", "gmail.com,example.org"),
            Map.entry("dedupe.ttl", "P7D"),
            Map.entry("dedupe.key.order", "linkedin,email,name_domain"),
            Map.entry("budget.period", "PT12H"),
            Map.entry("cost.table", "leads-eu"),
            Map.entry(IntakeConfig.CACHE_POLICY, "reenrich"),
            Map.entry(IntakeConfig.CACHE_TTL, "P14D"),
            Map.entry(IntakeConfig.CACHE_REENRICH_MAX_AGE, "P2D"),
            Map.entry(IntakeConfig.CACHE_HOLD_MAX, "PT6H")));

    @Test
    void theEnrichmentCacheServesRepeatsByDefaultForTheDedupeTtl() {
        EnrichmentCacheSettings defaults = IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_DEDUPE_TTL", "P10D"))
                .enrichmentCache();

        assertThat(defaults.policy()).isEqualTo(CachePolicy.CACHED);
        assertThat(defaults.ttl()).isEqualTo(Duration.ofDays(10));
        assertThat(defaults.servedFor()).isEqualTo(Duration.ofDays(10));
        assertThat(IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_CACHE_POLICY", "reenrich",
                "CLAYFLOW_INTAKE_CACHE_REENRICH_MAX_AGE", "P2D")).enrichmentCache().servedFor())
                .isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_CACHE_POLICY", "forever")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.policy")
                .hasMessageContaining("expected cached, drop or reenrich");
        assertThatThrownBy(() -> IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_CACHE_TTL", "30 days")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.ttl");
    }

    @Test
    void classpathDefaultsMatchTheIssue() {
        IntakeConfig config = IntakeConfig.load(null, Map.of());

        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.dedupeKeyOrder()).containsExactly(DedupeKey.Kind.EMAIL, DedupeKey.Kind.LINKEDIN,
                DedupeKey.Kind.NAME_DOMAIN);
        assertThat(config.throttleRatePerSecond()).isEqualTo(10.0);
        assertThat(config.throttleBurst()).isEqualTo(20);
        assertThat(config.budgetActionsPerPeriod()).isEqualTo(10_000);
        assertThat(config.creditBudget().perPeriod().dataCredits()).as("Data Credits not limited").isZero();
        assertThat(config.creditBudget().period()).isEqualTo(Duration.ofDays(1));
        assertThat(config.costActionsPerRow()).as("1 enrichment + the HTTP API callback").isEqualTo(2);
        assertThat(config.creditBudget().perRow().dataCredits()).isZero();
        assertThat(config.costEstimates().table()).isEqualTo("default");
        assertThat(config.punctuateInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.emailProviderRewrite()).isFalse();
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intake.properties");
        Files.writeString(file, "dedupe.ttl=P7D\nthrottle.burst=5\n");

        IntakeConfig config = IntakeConfig.load(file, Map.of("CLAYFLOW_INTAKE_THROTTLE_BURST", "8",
                "CLAYFLOW_INTAKE_STREAMS_SECURITY_PROTOCOL", "SASL_SSL", "UNRELATED", "x"));

        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.throttleBurst()).isEqualTo(8);
        assertThat(config.streamsProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void streamsPropertiesForceExactlyOnceAndInstallTheDeadLetterHandlers() {
        Properties streams = new IntakeConfig(Map.of("streams.num.stream.threads", "4",
                "streams.sasl.mechanism", "PLAIN", "application.id", "intake-eu")).streamsProperties();

        assertThat(streams)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "intake-eu")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        IntakeDecodeHandler.class.getName())
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterProcessingHandler.class.getName())
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "leads.dlq");
    }

    @Test
    void serdeSettingsPassThroughUnderTheirConfluentKeys() {
        Map<String, Object> serde = new IntakeConfig(Map.of("schema.registry.url", "https://sr:8081",
                "serde.basic.auth.credentials.source", "USER_INFO", "serde.basic.auth.user.info", "u:p"))
                .serdeConfigs();

        assertThat(serde).containsEntry("schema.registry.url", "https://sr:8081")
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "u:p");
    }

    @Test
    void describeMasksSecrets() {
        String described = new IntakeConfig(Map.of(
                "streams.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"hunter2\";",
                "streams.ssl.truststore.password", "hunter2", "serde.basic.auth.user.info", "u:hunter2",
                "serde.bearer.auth.token", "hunter2", "streams.num.stream.threads", "2")).describe();

        assertThat(described).doesNotContain("hunter2")
                .contains("streams.sasl.jaas.config=[hidden]", "serde.bearer.auth.token=[hidden]",
                        "streams.num.stream.threads=2", "dedupe.ttl=P30D");
    }

    @ParameterizedTest(name = "{0}={1} is refused naming the key")
    @CsvSource(delimiter = '|', value = {
        "dedupe.ttl|30 days",
        "dedupe.ttl|-P1D",
        "dedupe.key.order|email,phone,name_domain",
        "dedupe.key.order|email,email,linkedin",
        "dedupe.key.order|email",
        "throttle.rate.per.second|0",
        "throttle.burst|0",
        "budget.period|P1M",
        "cost.actions.per.row|20000",
        "budget.data.credits.per.period|-1",
        "validate.max.length.email|0",
        "streams.processing.guarantee|at_least_once",
        "streams.num.stream.threads|many"})
    void badValueIsRefusedAtStartUpNamingTheKey(String key, String value) {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(key, value);

        assertThatThrownBy(() -> new IntakeConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key.startsWith("streams.num") ? "num.stream.threads" : key);
    }

    @Test
    void everyKeyHasADocumentation() {
        assertThat(IntakeConfig.LOADER.definition().configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank());
        assertThat(IntakeConfig.LOADER.definition().names()).containsAll(List.of("validate.max.length.email",
                "validate.max.length.linkedin_url", "validate.max.length.source_id"));
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheClosestKnownKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("intake.properties"), "dedupe.tll=P7D\n");

        assertThatThrownBy(() -> IntakeConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown intake setting 'dedupe.tll' (did you mean 'dedupe.ttl'?)");
        assertThatThrownBy(() -> IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_THROTTLE_BURTS", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown intake setting 'throttle.burts' (did you mean 'throttle.burst'?)");
        assertThatThrownBy(() -> IntakeConfig.LOADER.resolve(Map.of("cost.actions.per.rwo", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown intake setting 'cost.actions.per.rwo' "
                        + "(did you mean 'cost.actions.per.row'?)");
    }

    static Stream<String> documentedKeys() {
        return IntakeConfig.LOADER.definition().names().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedKeys")
    void everyDocumentedKeyIsSettableFromTheEnvironment(String key) {
        ConfigDef.ConfigKey defined = IntakeConfig.LOADER.definition().configKeys().get(key);
        String value = SAMPLES.sample(defined);

        IntakeConfig config = IntakeConfig.load(null, Map.of(AppSettings.envName("intake", key), value));

        assertThat(config.values().get(key)).isEqualTo(ConfigDef.parseType(key, value, defined.type));
    }

    @Test
    void aFieldsMaximumLengthIsSettableFromTheEnvironmentDespiteTheUnderscoreInItsName() {
        IntakeConfig config = IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_VALIDATE_MAX_LENGTH_FIRST_NAME", "12"));

        assertThat(config.validationLimits().maxLengths()).containsEntry(LeadField.FIRST_NAME, 12);
    }

    @Test
    void theOldMetricsKeysStillWorkAndWarnNamingTheNewOnes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("intake.properties"), "metrics.host=127.0.0.1\n");
        AppSettings settings = IntakeConfig.LOADER.settings();

        IntakeConfig config = new IntakeConfig(settings.load(file, Map.of("CLAYFLOW_INTAKE_METRICS_PORT", "9999")));

        assertThat(config.managementHost()).isEqualTo("127.0.0.1");
        assertThat(config.managementPort()).isEqualTo(9999);
        assertThat(settings.deprecations()).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("'metrics.host'", "use 'management.host'"))
                .anySatisfy(warning -> assertThat(warning).contains("'metrics.port'", "use 'management.port'",
                        "CLAYFLOW_INTAKE_MANAGEMENT_PORT"));
    }

    @Test
    void theOldBudgetKeysStillSetTheActionsMeterAndWarnNamingTheNewOnes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("intake.properties"), "budget.credits.per.lead=3\n");
        AppSettings settings = IntakeConfig.LOADER.settings();

        IntakeConfig config = new IntakeConfig(settings.load(file,
                Map.of("CLAYFLOW_INTAKE_BUDGET_CREDITS_PER_PERIOD", "2500")));

        assertThat(config.budgetActionsPerPeriod()).isEqualTo(2500);
        assertThat(config.costActionsPerRow()).isEqualTo(3);
        assertThat(config.creditBudget().perPeriod().dataCredits()).isZero();
        assertThat(settings.deprecations()).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("'budget.credits.per.period'",
                        "use 'budget.actions.per.period'", "CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD"))
                .anySatisfy(warning -> assertThat(warning).contains("'budget.credits.per.lead'",
                        "use 'cost.actions.per.row'"));
        IntakeConfig both = IntakeConfig.load(null, Map.of("CLAYFLOW_INTAKE_BUDGET_CREDITS_PER_PERIOD", "2500",
                "CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD", "400"));
        assertThat(both.budgetActionsPerPeriod()).as("the new key wins").isEqualTo(400);
    }

    @Test
    void aRowDearerThanEitherMetersBudgetIsRefused() {
        assertThatThrownBy(() -> IntakeConfig.LOADER.resolve(Map.of("budget.data.credits.per.period", "5",
                "cost.data.credits.per.row", "6"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cost.data.credits.per.row").hasMessageContaining("nothing would ever be released");
        assertThat(IntakeConfig.LOADER.resolve(Map.of("budget.data.credits.per.period", "0",
                "cost.data.credits.per.row", "6")).creditBudget().perRow().dataCredits()).as("0: not limited")
                .isEqualTo(6);
    }

    @Test
    void theSharedConnectionVariablesReachIntakeAndItsOwnWin() {
        IntakeConfig config = IntakeConfig.load(null, Map.of("CLAYFLOW_BOOTSTRAP_SERVERS", "shared:9092",
                "CLAYFLOW_SCHEMA_REGISTRY_URL", "http://shared:8081", "CLAYFLOW_INTAKE_BOOTSTRAP_SERVERS", "own:9092"));

        assertThat(config.getList(IntakeConfig.BOOTSTRAP_SERVERS)).containsExactly("own:9092");
        assertThat(config.serdeConfigs()).containsEntry(IntakeConfig.SCHEMA_REGISTRY_URL, "http://shared:8081");
    }
}
