package io.clayflow.fakes.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorConfigLoaderTest {

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
    void aBadValueFailsNamingTheKey() {
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WORKSPACE_BURST", "0")))
                .hasMessageContaining("workspace.burst");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null,
                Map.of("CLAYFLOW_SIMULATOR_FAULTS_CALLBACK_DUPLICATE_RATE", "1.5")))
                .hasMessageContaining("faults.callback.duplicate.rate");
    }

    @Test
    void anUnknownKeyFailsNamingIt() {
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WORKSPACE_RATE", "5")))
                .hasMessageContaining("workspace.rate");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(null, Map.of("CLAYFLOW_SIMULATOR_WEBHOOK_X_TOKEN", "t")))
                .as("a per-webhook key of a webhook not listed").hasMessageContaining("webhook.x.token");
    }

    @Test
    void secretsAreMaskedWhenTheConfigIsPrinted() {
        SimulatorConfig config = SimulatorConfig.builder().webhook(WebhookConfig.of("a").withToken("hook-secret"))
                .callback("http://localhost:8080/v1/clay/callback", "cb-secret").build();

        assertThat(config.toString()).doesNotContain("hook-secret").doesNotContain("cb-secret").contains("[hidden]");
    }
}
