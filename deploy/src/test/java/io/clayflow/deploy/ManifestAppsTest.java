package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.status.app.StatusConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Each app's workload against the app's own code: its environment loads with the app's config class (an unknown
 * setting is refused there, with the closest known one), Kafka settings passed through are settings Kafka knows, its
 * ports are the app's default ports, probes hit its health endpoints, tokens come from Secrets, images are the ones
 * the build makes.
 */
class ManifestAppsTest {

    /** One app: its workload and how its code reads its settings. */
    record App(String kind, String name, String image, Function<Map<String, String>, AbstractConfig> load,
            String passThrough, Function<AbstractConfig, Map<String, Integer>> ports) {
    }

    static final List<App> APPS = List.of(
            new App("StatefulSet", "clayflow-intake", "clayflow/intake", env -> IntakeConfig.load(null, env),
                    "streams.", c -> Map.of("management", ((IntakeConfig) c).managementPort())),
            new App("StatefulSet", "clayflow-routing", "clayflow/routing", env -> RoutingConfig.load(null, env),
                    "streams.", c -> Map.of("management", ((RoutingConfig) c).managementPort())),
            new App("StatefulSet", "clayflow-clay-ledger", "clayflow/clay-ledger",
                    env -> ClayLedgerConfig.load(null, env), "streams.",
                    c -> Map.of("management", ((ClayLedgerConfig) c).managementPort())),
            new App("Deployment", "clayflow-gateway", "clayflow/gateway", env -> GatewayConfig.load(null, env),
                    GatewayConfig.KAFKA_PREFIX, c -> Map.of("http", ((GatewayConfig) c).http().port(),
                            "management", ((GatewayConfig) c).management().port())),
            new App("Deployment", "clayflow-status", "clayflow/status", env -> StatusConfig.load(null, env),
                    StatusConfig.KAFKA_PREFIX, c -> Map.of("management", ((StatusConfig) c).management().port())));

    @Test
    void everyAppMatchesItsCodeInTheBaseAndEveryOverlay() {
        for (Map.Entry<String, List<ObjectNode>> rendered : Manifests.all().entrySet()) {
            assertThat(problems(rendered.getValue())).as(rendered.getKey()).isEmpty();
        }
    }

    @Test
    void aPortThatDiffersFromTheCodeIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode container = Workload.of(objects, "Deployment", "clayflow-gateway").container();
        ((ObjectNode) container.path("ports").get(0)).put("containerPort", 8081);

        assertThat(problems(objects)).contains("clayflow-gateway: port http is 8081, the app listens on 8080");
    }

    @Test
    void aMisspeltSettingIsCaughtByTheAppsOwnConfig() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode container = Workload.of(objects, "StatefulSet", "clayflow-intake").container();
        ((com.fasterxml.jackson.databind.node.ArrayNode) container.get("env")).addObject()
                .put("name", "CLAYFLOW_INTAKE_THROTTLE_RATE_PER_SECOD").put("value", "5");

        assertThat(problems(objects)).anySatisfy(problem -> assertThat(problem)
                .startsWith("clayflow-intake: Unknown intake setting 'throttle.rate.per.secod'")
                .contains("did you mean 'throttle.rate.per.second'"));
    }

    @Test
    void aMisspeltKafkaSettingPassedThroughIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode container = Workload.of(objects, "Deployment", "clayflow-gateway").container();
        ((com.fasterxml.jackson.databind.node.ArrayNode) container.get("env")).addObject()
                .put("name", "CLAYFLOW_GATEWAY_KAFKA_SASL_MECHANISMS").put("value", "PLAIN");

        assertThat(problems(objects)).containsExactly("clayflow-gateway: kafka.sasl.mechanisms is no Kafka client setting");
    }

    @Test
    void aTokenWrittenInTheManifestIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        ObjectNode container = Workload.of(objects, "Deployment", "clayflow-gateway").container();
        ObjectNode tokens = (ObjectNode) container.path("env").get(0);
        tokens.remove("valueFrom");
        tokens.put("value", "s3cret");

        assertThat(problems(objects)).containsExactly(
                "clayflow-gateway: CLAYFLOW_GATEWAY_CALLBACK_TOKENS must come from a Secret");
    }

    @Test
    void anImageTheBuildDoesNotMakeIsCaught() {
        List<ObjectNode> objects = Manifests.base();
        Workload.of(objects, "Deployment", "clayflow-status").container().put("image", "clayflow/statuz:0.1.0-SNAPSHOT");

        assertThat(problems(objects)).containsExactly(
                "clayflow-status: image clayflow/statuz:0.1.0-SNAPSHOT, the build makes clayflow/status");
    }

    /** What is wrong with the apps' workloads in {@code objects}, in words; empty when nothing is. */
    static List<String> problems(List<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        for (App app : APPS) {
            Workload workload = Workload.of(objects, app.kind(), app.name());
            String prefix = app.name() + ": ";
            AbstractConfig config;
            try {
                config = app.load().apply(workload.environment(objects));
            } catch (RuntimeException e) {
                problems.add(prefix + e.getMessage());
                continue;
            }
            config.originals().keySet().stream().filter(key -> key.startsWith(app.passThrough()))
                    .filter(key -> !kafkaSetting(key.substring(app.passThrough().length()), app.passThrough()))
                    .forEach(key -> problems.add(prefix + key + " is no Kafka client setting"));
            app.ports().apply(config).forEach((port, number) -> {
                Integer declared = workload.ports().get(port);
                if (!number.equals(declared)) {
                    problems.add(prefix + "port " + port + " is " + declared + ", the app listens on " + number);
                }
            });
            checkProbes(workload, problems);
            checkService(objects, workload, problems);
            for (String variable : workload.environment(objects).keySet()) {
                if (variable.matches(".*(TOKEN|PASSWORD|JAAS).*") && !workload.fromSecrets().contains(variable)) {
                    problems.add(prefix + variable + " must come from a Secret");
                }
            }
            String image = workload.container().path("image").asText();
            String imageName = image.substring(0, image.lastIndexOf(':'));
            if (!imageName.equals(app.image()) && !imageName.endsWith("/" + app.image())) {
                problems.add(prefix + "image " + image + ", the build makes " + app.image());
            }
        }
        return problems;
    }

    private static void checkProbes(Workload workload, List<String> problems) {
        Map<String, String> paths = Map.of("livenessProbe", "/health/live", "readinessProbe", "/health/ready");
        paths.forEach((probe, path) -> {
            JsonNode get = workload.container().path(probe).path("httpGet");
            if (!path.equals(get.path("path").asText()) || !"management".equals(get.path("port").asText())) {
                problems.add(workload.name() + ": " + probe + " is not GET " + path + " on the management port");
            }
        });
    }

    /** The app's Service targets its container's ports by name and serves them on the same numbers. */
    private static void checkService(List<ObjectNode> objects, Workload workload, List<String> problems) {
        ObjectNode service = Manifests.get(objects, "Service", workload.name());
        for (JsonNode port : service.path("spec").path("ports")) {
            Integer target = workload.ports().get(port.path("targetPort").asText());
            if (target == null || target != port.path("port").asInt()) {
                problems.add(workload.name() + ": Service port " + port.path("name").asText() + " (" + port.path("port")
                        + ") does not serve the container's " + port.path("targetPort").asText() + " (" + target + ")");
            }
        }
    }

    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    /** A Kafka Streams, producer, consumer or admin setting, also under Streams' client prefixes. */
    static boolean kafkaSetting(String key, String passThrough) {
        if (CLIENT_SETTINGS.contains(key)) {
            return true;
        }
        if ("streams.".equals(passThrough)) {
            for (String prefix : List.of("producer.", "consumer.", "main.consumer.", "restore.consumer.",
                    "global.consumer.", "admin.")) {
                if (key.startsWith(prefix) && CLIENT_SETTINGS.contains(key.substring(prefix.length()))) {
                    return true;
                }
            }
            return key.startsWith("topic.") && topicSetting(key.substring("topic.".length()));
        }
        return false;
    }

    private static boolean topicSetting(String key) {
        return java.util.Arrays.stream(TopicConfig.class.getFields()).filter(f -> f.getName().endsWith("_CONFIG"))
                .anyMatch(f -> {
                    try {
                        return key.equals(f.get(null));
                    } catch (IllegalAccessException e) {
                        return false;
                    }
                });
    }

    private static Set<String> clientSettings() {
        Set<String> names = new TreeSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }
}
