package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Nothing of docker-compose.yml is reachable from other machines but the gateway's public port: Kafka, the registry,
 * PostgreSQL, Connect's unauthenticated REST API and every management port are published on loopback only.
 */
class ComposePortsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void onlyTheGatewaysPublicPortIsPublishedBeyondLoopback() throws IOException {
        List<PublishedPort> ports = PublishedPort.of(read(Files.readString(ROOT.resolve("docker-compose.yml"))));

        assertThat(violations(ports)).as("ports reachable from other machines but the gateway's public one").isEmpty();
        assertThat(ports).as("the gateway's public port, published on every interface for Clay's callbacks")
                .contains(new PublishedPort("gateway", null, gatewayPort(), gatewayPort()));
    }

    @Test
    void aPortPublishedOnEveryInterfaceIsCaughtInEitherSyntax() {
        JsonNode compose = read("""
                services:
                  postgres:
                    ports: ["5432:5432", "0.0.0.0:5433:5432", "127.0.0.1:5434:5432/tcp", "9000"]
                  connect:
                    ports:
                      - target: 8083
                        published: "8083"
                      - target: 8084
                        published: 8084
                        host_ip: 127.0.0.1
                """);

        assertThat(violations(PublishedPort.of(compose))).extracting(PublishedPort::toString)
                .containsExactly("postgres *:5432->5432", "postgres 0.0.0.0:5433->5432", "postgres *:0->9000",
                        "connect *:8083->8083");
    }

    @Test
    void theGatewaysManagementPortIsNotPublic() {
        JsonNode compose = read("""
                services:
                  gateway:
                    ports: ["8080:8080", "9090:9090"]
                """);

        assertThat(violations(PublishedPort.of(compose))).extracting(PublishedPort::toString)
                .containsExactly("gateway *:9090->9090");
    }

    /** The ports other machines can reach, but the gateway's public one. */
    private static List<PublishedPort> violations(List<PublishedPort> ports) {
        return ports.stream().filter(port -> !port.loopbackOnly()).filter(port -> !isTheGatewaysPublicPort(port))
                .toList();
    }

    private static boolean isTheGatewaysPublicPort(PublishedPort port) {
        return port.service().equals("gateway") && port.containerPort() == gatewayPort();
    }

    private static int gatewayPort() {
        return GatewayConfig.load(null, Map.of()).http().port();
    }

    private static JsonNode read(String yaml) {
        return new ObjectMapper().valueToTree(new Yaml().load(yaml));
    }
}
