package io.clayflow.fakes.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.fakes.outreach.OutreachSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatorConfigLoaderTest {

    private static final List<String> WEBHOOK_IDS = List.of("default", "in-bound", "b_2");

    @Test
    void theShippedDefaultsAreClaysLimits() {
        SimulatorConfig config = SimulatorConfigLoader.load(null, Map.of());

        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.ratePerSecond()).isEqualTo(10.0);
        assertThat(config.burst()).isEqualTo(20);
        assertThat(config.maxBodyBytes()).isEqualTo(100_000);
        assertThat(config.tableDedupe()).isTrue();
        assertThat(config.enrichmentDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.webhooks()).containsExactly(WebhookConfig.of("default"));
        assertThat(config.callback().enabled()).isFalse();
        assertThat(config.faults()).isEqualTo(Faults.none());
    }

    @Test
    void theBuilderDefaultsMatchTheShippedOnes() {
        SimulatorConfig loaded = SimulatorConfigLoader.load(null, Map.of());

        assertThat(SimulatorConfig.builder().webhook("default").build()).isEqualTo(loaded);
    }

    @Test
    void environmentVariablesOverrideTheFileWhichOverridesTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sim.properties");
        Files.writeString(file, "http.port=9000\nwebhooks=a,b\nwebhook.a.submission.cap=100\ncallback.url=http://x:1/cb\n");

        SimulatorConfig config = SimulatorConfigLoader.load(file, Map.of(
                "CLAYFLOW_SIMULATOR_HTTP_PORT", "9100",
                "CLAYFLOW_SIMULATOR_WEBHOOK_B_TOKEN", "secret",
                "CLAYFLOW_SIMULATOR_FAULTS_WEBHOOK_FORCED_STATUS", "503",
                "CLAYFLOW_SIMULATOR_CALLBACK_TOKEN", "cb",
                "PATH", "/usr/bin"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.webhooks()).containsExactly(
                WebhookConfig.of("a").withSubmissionCap(100),
                WebhookConfig.of("b").withToken("secret"));
        assertThat(config.faults().forcedStatus()).isEqualTo(503);
        assertThat(config.callback().url()).isEqualTo("http://x:1/cb");
        assertThat(config.callback().token()).isEqualTo("cb");
    }

    @Test
    void theClayKeysAreTheContractsOnes() {
        // Compose, the stack and the docs use these names: renaming one breaks them.
        assertThat(ClaySettings.definition(List.of()).names()).contains("http.host", "http.port", "seed",
                "workspace.rate.per.second", "workspace.burst", "webhook.max.body.bytes", "webhooks", "webhook.token",
                "webhook.submission.cap", "webhook.row.cap", "table.dedupe", "enrichment.delay.ms", "callback.url",
                "callback.token", "callback.timeout.ms", "callback.max.attempts", "callback.retry.backoff.ms",
                "faults.webhook.error.rate", "faults.webhook.timeout.rate", "faults.webhook.timeout.hold.ms",
                "faults.webhook.latency.ms", "faults.webhook.forced.status", "faults.callback.duplicate.rate",
                "faults.callback.reorder.rate", "faults.callback.reorder.max.delay.ms", "faults.callback.failure.rate");
    }

    @Test
    void aBadValueFailsNamingTheKey() {
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WORKSPACE_BURST", "0")))
                .hasMessageContaining("workspace.burst");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null,
                Map.of("CLAYFLOW_SIMULATOR_FAULTS_CALLBACK_DUPLICATE_RATE", "1.5")))
                .hasMessageContaining("faults.callback.duplicate.rate");
    }

    @Test
    void anUnknownKeyFailsNamingItAndTheClosestKnownKey(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WORKSPACE_BRUST", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown simulator setting 'workspace.brust' (did you mean 'workspace.burst'?)");
        Path file = dir.resolve("sim.properties");
        Files.writeString(file, "callback.ulr=http://x:1/cb\n");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(file, Map.of()))
                .hasMessage("Unknown simulator setting 'callback.ulr' (did you mean 'callback.url'?)");
        assertThatThrownBy(() -> SimulatorConfigLoader.fromProperties(Map.of("hubspot.tokn", "t")))
                .as("the HubSpot fake's scope").hasMessage("Unknown simulator setting 'hubspot.tokn' (did you mean "
                        + "'hubspot.token'?)");
    }

    @Test
    void aPerWebhookKeyOfAWebhookNotListedIsUnknown() {
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WEBHOOK_X_TOKEN", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown simulator setting 'webhook.x.token' (did you mean 'webhook.token'?)");
        assertThat(SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WEBHOOKS", "default,x",
                "CLAYFLOW_SIMULATOR_WEBHOOK_X_TOKEN", "t")).webhooks())
                .containsExactly(WebhookConfig.of("default"), WebhookConfig.of("x").withToken("t"));
    }

    static Stream<String> everyDocumentedKey() {
        return SimulatorConfigLoader.definition(WEBHOOK_IDS).names().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocumentedKey")
    void everyDocumentedKeyIsSettableFromTheEnvironment(String key) {
        String variable = AppSettings.envName(SimulatorConfigLoader.APP, key);

        assertThat(variable).startsWith(SimulatorConfigLoader.ENV_PREFIX);
        assertThat(SimulatorConfigLoader.settings(WEBHOOK_IDS).fromEnvironment(Map.of(variable, "value")))
                .containsExactly(Map.entry(key, "value"));
    }

    @Test
    void theEnvironmentReachesEveryScopeTyped() {
        SaasFakesConfig config = SimulatorConfigLoader.loadApp(null, Map.of(
                "CLAYFLOW_SIMULATOR_WEBHOOKS", "in_bound",
                "CLAYFLOW_SIMULATOR_WEBHOOK_IN_BOUND_ROW_CAP", "7",
                "CLAYFLOW_SIMULATOR_CALLBACK_RETRY_BACKOFF_MS", "25",
                "CLAYFLOW_SIMULATOR_FAULTS_CALLBACK_REORDER_MAX_DELAY_MS", "900",
                "CLAYFLOW_SIMULATOR_HUBSPOT_ENABLED", "true",
                "CLAYFLOW_SIMULATOR_HUBSPOT_HTTP_PORT", "0",
                "CLAYFLOW_SIMULATOR_HUBSPOT_TOKEN", "pat-env",
                "CLAYFLOW_SIMULATOR_OUTREACH_ENABLED", "true",
                "CLAYFLOW_SIMULATOR_OUTREACH_SEQUENCE_IDS", "7,8",
                "CLAYFLOW_SIMULATOR_OUTREACH_EXCLUDED_DOMAINS", "Competitor.example"));

        assertThat(config.clay().webhooks()).containsExactly(WebhookConfig.of("in_bound").withRowCap(7));
        assertThat(config.clay().callback().retryBackoff()).isEqualTo(Duration.ofMillis(25));
        assertThat(config.clay().faults().callbackReorderMaxDelay()).isEqualTo(Duration.ofMillis(900));
        assertThat(config.hubspot()).hasValueSatisfying(hubspot -> {
            assertThat(hubspot.port()).isZero();
            assertThat(hubspot.tokens()).containsExactly("pat-env");
        });
        assertThat(config.outreach()).hasValueSatisfying(outreach -> {
            assertThat(outreach.port()).isEqualTo(OutreachSettings.DEFAULT_PORT);
            assertThat(outreach.sequenceIds()).containsExactlyInAnyOrder(7L, 8L);
            assertThat(outreach.excludedDomains()).containsExactly("competitor.example");
        });
    }

    @Test
    void theHubSpotAndOutreachFakesAreOffByDefault() {
        SaasFakesConfig config = SimulatorConfigLoader.loadApp(null, Map.of());

        assertThat(config.hubspot()).isEmpty();
        assertThat(config.outreach()).isEmpty();
    }

    @Test
    void aBadValueInAScopeFailsNamingTheScopedKey() {
        assertThatThrownBy(() -> SimulatorConfigLoader.loadApp(null, Map.of(
                "CLAYFLOW_SIMULATOR_OUTREACH_MAILBOX_IDS", "1,two"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("outreach.mailbox.ids");
        assertThatThrownBy(() -> SimulatorConfigLoader.loadApp(null, Map.of(
                "CLAYFLOW_SIMULATOR_HUBSPOT_RATE_LIMIT_MAX", "0"))).hasMessageContaining("hubspot.rate.limit.max");
    }

    @Test
    void theSettingsPrintoutHidesEverySecret() {
        SaasFakesConfig config = SimulatorConfigLoader.loadApp(null, Map.of(
                "CLAYFLOW_SIMULATOR_WEBHOOK_TOKEN", "hook-secret",
                "CLAYFLOW_SIMULATOR_CALLBACK_TOKEN", "cb-secret",
                "CLAYFLOW_SIMULATOR_HUBSPOT_TOKEN", "pat-secret"));

        assertThat(config.settings()).contains("webhook.token=[hidden]", "callback.token=[hidden]",
                "hubspot.token=[hidden]", "workspace.burst=20").doesNotContain("secret");
    }

    @Test
    void secretsAreMaskedWhenTheConfigIsPrinted() {
        SimulatorConfig config = SimulatorConfig.builder().webhook(WebhookConfig.of("a").withToken("hook-secret"))
                .callback("http://localhost:8080/v1/clay/callback", "cb-secret").build();

        assertThat(config.toString()).doesNotContain("hook-secret").doesNotContain("cb-secret").contains("[hidden]");
    }
}
