package io.clayflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.SharedKeys;
import io.clayflow.status.ClusterSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ClusterOptionsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        ClusterOptions cluster;

        @Override
        public void run() {
        }
    }

    @Test
    void defaultsPointAtALocalCluster() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs();

        ClusterSettings settings = probe.cluster.settings();
        assertThat(settings.bootstrapServers()).isEqualTo(System.getenv().getOrDefault("CLAYFLOW_BOOTSTRAP_SERVERS",
                "localhost:9092"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.clientProperties()).isEmpty();
    }

    @Test
    void theDefaultRegistryIsWhereUpServesIt() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs();

        assertThat(probe.cluster.settings().schemaRegistryUrl()).isEqualTo(System.getenv().getOrDefault(
                SharedKeys.ENV_SCHEMA_REGISTRY_URL, "http://localhost:8081/apis/ccompat/v7"))
                .isEqualTo(System.getenv().getOrDefault(SharedKeys.ENV_SCHEMA_REGISTRY_URL,
                        SharedKeys.DEFAULT_SCHEMA_REGISTRY_URL));
    }

    @Test
    void bootstrapServerIsKafkasOwnSpellingOfBootstrapServers() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--bootstrap-server", "b1:9093");

        assertThat(probe.cluster.settings().bootstrapServers()).isEqualTo("b1:9093");
    }

    @Test
    void commandConfigThenClientPropertiesReachEveryClient(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbasic.auth.user.info=u:p\n");
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--bootstrap-servers", "b1:9093,b2:9093", "--schema-registry-url",
                "https://registry:8081", "--command-config", config.toString(), "-X", "sasl.mechanism=SCRAM-SHA-512",
                "--timeout", "3s");

        ClusterSettings settings = probe.cluster.settings();
        assertThat(settings.producerProperties()).containsEntry("bootstrap.servers", "b1:9093,b2:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("acks", "all").containsEntry("max.block.ms", 3_000L);
        assertThat(settings.consumerProperties(null)).containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
        assertThat(settings.adminProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(settings.serdeProperties()).containsEntry("schema.registry.url", "https://registry:8081")
                .containsEntry("basic.auth.user.info", "u:p");
    }

    @Test
    void aMissingCommandConfigIsAUsageError(@TempDir Path dir) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--command-config", dir.resolve("missing.properties").toString());

        assertThatThrownBy(() -> probe.cluster.settings()).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT30S, PT30S", "pt1m, PT1M"})
    void readsDurations(String text, String expected) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"2026-11-20T10:00:00Z, 2026-11-20T10:00:00Z", "2026-11-20T10:00, 2026-11-20T10:00:00Z",
            "2026-11-20, 2026-11-20T00:00:00Z", "2h, 2026-11-20T08:00:00Z"})
    void readsTimes(String text, String expected) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
        assertThat(new InstantConverter(clock).convert(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void everySubcommandExplainsItselfAndTakesTheClusterOptions() {
        CommandLine cli = ClayflowCli.commandLine();
        for (String name : new String[] {"status", "demo", "import-csv", "dlq"}) {
            assertThat(cli.getSubcommands()).containsKey(name);
        }
        for (CommandLine command : new CommandLine[] {cli.getSubcommands().get("status"),
                cli.getSubcommands().get("demo"), cli.getSubcommands().get("import-csv"),
                cli.getSubcommands().get("dlq").getSubcommands().get("list"),
                cli.getSubcommands().get("dlq").getSubcommands().get("show"),
                cli.getSubcommands().get("dlq").getSubcommands().get("replay")}) {
            StringWriter help = new StringWriter();
            command.usage(new PrintWriter(help));
            assertThat(help.toString()).contains("--bootstrap-servers", "--schema-registry-url", "--command-config",
                    "--help");
        }
    }
}
