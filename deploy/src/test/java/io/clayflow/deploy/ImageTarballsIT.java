package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clayflow.cli.ClayflowCli;
import io.clayflow.gateway.GatewayApp;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.ledger.ClayLedgerApp;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.routing.RoutingApp;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.status.app.StatusApp;
import io.clayflow.status.app.StatusConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each image tarball {@code mvn -Pimages package} made, read back: its tag, entrypoint (the app's main class, the JVM
 * sized by the container's memory), user (non-root), exposed ports (the app's own defaults), the Java runtime and the
 * user in its layers. Runs only where the tarballs exist, i.e. after {@code mvn -Pimages verify} (or package, then
 * verify); a plain {@code mvn verify} builds none and each case is skipped, saying so.
 */
class ImageTarballsIT {

    /** One image: the module that builds it, its main class, its ports from the code. */
    record Expected(String module, String mainClass, Set<Integer> ports) {
        @Override
        public String toString() {
            return module;
        }
    }

    static List<Expected> images() throws IOException {
        Properties worker = new Properties();
        worker.load(new StringReader(Files.readString(Manifests.ROOT.resolve("docker/connect/connect-distributed.properties"))));
        int connectPort = Integer.parseInt(worker.getProperty("listeners").replaceAll(".*:", ""));
        GatewayConfig gateway = GatewayConfig.load(null, Map.of());
        return List.of(
                new Expected("intake", IntakeApp.class.getName(), Set.of(IntakeConfig.DEFAULT_METRICS_PORT)),
                new Expected("routing", RoutingApp.class.getName(), Set.of(RoutingConfig.DEFAULT_METRICS_PORT)),
                new Expected("clay-ledger", ClayLedgerApp.class.getName(),
                        Set.of(ClayLedgerConfig.DEFAULT_MANAGEMENT_PORT)),
                new Expected("callback-gateway", GatewayApp.class.getName(),
                        Set.of(gateway.http().port(), gateway.management().port())),
                new Expected("status", StatusApp.class.getName(), Set.of(StatusConfig.DEFAULT_MANAGEMENT_PORT)),
                new Expected("cli", ClayflowCli.class.getName(), Set.of()),
                new Expected("deploy", "org.apache.kafka.connect.cli.ConnectDistributed", Set.of(connectPort)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void theImageRunsTheAppAsANonRootUserOnItsPorts(Expected expected) throws IOException {
        Path tarball = Manifests.ROOT.resolve(expected.module()).resolve("target/jib-image.tar");
        assumeTrue(Files.exists(tarball), "no " + tarball + ": build the images first (mvn -Pimages package)");
        ImageTarball image = ImageTarball.read(tarball);
        JsonNode config = image.config();

        assertThat(image.manifest().path("RepoTags").get(0).asText())
                .isEqualTo(ImageNames.byModule().get(expected.module()) + ":" + ImageNames.version());
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", expected.mainClass());
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        Set<Integer> ports = new TreeSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(port -> ports.add(Integer.parseInt(port.replace("/tcp", ""))));
        assertThat(ports).isEqualTo(expected.ports());
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        assertThat(env).anyMatch(e -> e.startsWith("PATH=/opt/java/openjdk/bin:"));
        assertThat(image.paths()).contains("opt/java/openjdk/bin/java", "opt/java/openjdk/lib/server/libjvm.so",
                "etc/passwd");
        assertThat(image.text("etc/passwd")).contains("clayflow:x:10001:10001:");
    }

    @Test
    void theConnectImageCarriesOnlyClayflowsPluginAndForbidsOverrides() throws IOException {
        Path tarball = Manifests.ROOT.resolve("deploy/target/jib-image.tar");
        assumeTrue(Files.exists(tarball), "no " + tarball + ": build the images first (mvn -Pimages package)");
        ImageTarball image = ImageTarball.read(tarball);

        assertThat(image.paths()).anyMatch(p -> p.matches("opt/clayflow/plugins/clayflow-connectors/clayflow-connectors-.*\\.jar"));
        assertThat(image.paths().stream().filter(p -> p.startsWith("opt/clayflow/plugins/"))
                .map(p -> p.split("/")).filter(parts -> parts.length > 3).map(parts -> parts[3]).distinct())
                .containsExactly("clayflow-connectors");
        Properties worker = new Properties();
        worker.load(new StringReader(image.text("opt/clayflow/connect-distributed.properties")));
        assertThat(worker.getProperty("plugin.path")).isEqualTo("/opt/clayflow/plugins");
        assertThat(worker.getProperty("connector.client.config.override.policy")).isEqualTo("None");
    }
}
