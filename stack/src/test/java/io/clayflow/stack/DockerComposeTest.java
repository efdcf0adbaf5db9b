package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.fakes.clay.SimulatorConfigLoader;
import io.clayflow.config.AppSettings;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.schemas.Topics;
import io.clayflow.status.app.StatusConfig;
import io.clayflow.streams.StreamsAppConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run here, so docker-compose.yml and what it points at are checked against the code: the images and
 * build targets exist, every {@code CLAYFLOW_*} variable is a setting its app knows and the app starts from them,
 * published ports are the apps' own, every connector config validates against its connector, the Connect worker
 * serves /metrics, the topics are the pipeline's, and every required secret is in .env.example.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    private static JsonNode compose;
    private static Map<String, String> envExample;
    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        // SnakeYAML resolves the merge keys (<<: *anchor) as docker compose does.
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        compose = new ObjectMapper().valueToTree(yaml);
        Properties example = new Properties();
        example.load(new StringReader(Files.readString(ROOT.resolve(".env.example"))));
        envExample = new HashMap<>();
        example.stringPropertyNames().forEach(name -> envExample.put(name, example.getProperty(name)));
        dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
    }

    @Test
    void everyBuildTargetIsAStageOfTheDockerfile() {
        List<String> targets = services().filter(s -> s.getValue().has("build"))
                .map(s -> s.getValue().path("build").path("target").asText()).toList();

        assertThat(targets).containsExactlyInAnyOrder("intake", "routing", "clay-ledger", "connect", "gateway",
                "status", "clay-simulator");
        targets.forEach(target -> assertThat(dockerfile).as("stage %s", target)
                .containsPattern("(?m)^FROM \\S+ AS " + Pattern.quote(target) + "$"));
        services().filter(s -> s.getValue().has("build")).forEach(s -> assertThat(s.getValue().path("build")
                .path("dockerfile").asText()).isEqualTo("docker/Dockerfile"));
    }

    @Test
    void theDockerfileStartsMainClassesThatExist() {
        Matcher main = Pattern.compile("\"(io\\.clayflow\\.[\\w.]+)\"").matcher(dockerfile);
        List<String> mains = new ArrayList<>();
        while (main.find()) {
            mains.add(main.group(1));
        }

        assertThat(mains).hasSize(6);
        mains.forEach(name -> assertThatCode(() -> Class.forName(name).getMethod("main", String[].class))
                .as(name).doesNotThrowAnyException());
    }

    @Test
    void kafkaImagesAreTheVersionTheBuildUses() throws IOException {
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();

        List<String> kafkaImages = services().map(s -> s.getValue().path("image").asText())
                .filter(image -> image.startsWith("apache/kafka:")).toList();
        assertThat(kafkaImages).isNotEmpty().allSatisfy(image ->
                assertThat(image).isEqualTo("apache/kafka:" + version.group(1)));
        assertThat(dockerfile).contains("ARG KAFKA_VERSION=" + version.group(1));
    }

    @Test
    void intakeStartsFromItsComposeEnvironmentAndPublishesItsMetricsPort() {
        Map<String, String> env = environment("intake");
        assertKnownSettings(env, IntakeConfig.ENV_PREFIX, IntakeConfig.classpathDefaults().keySet(), "streams.", "serde.");

        IntakeConfig config = IntakeConfig.load(null, env);

        assertThat(config.throttleRatePerSecond()).isEqualTo(10.0);
        assertThat(config.throttleBurst()).isEqualTo(20);
        assertPublishesMetrics("intake", config, 9191);
    }

    @Test
    void routingStartsFromItsComposeEnvironmentAndPublishesItsMetricsPort() {
        Map<String, String> env = environment("routing");
        assertKnownSettings(env, RoutingConfig.ENV_PREFIX, RoutingConfig.classpathDefaults().keySet(), "streams.", "serde.");

        RoutingConfig config = RoutingConfig.load(null, env);

        assertPublishesMetrics("routing", config, 9192);
    }

    @Test
    void theClayLedgerStartsFromItsComposeEnvironmentAndPublishesItsMetricsPort() {
        Map<String, String> env = environment("clay-ledger");
        assertKnownSettings(env, ClayLedgerConfig.ENV_PREFIX, ClayLedgerConfig.LOADER.defaults().keySet(), "streams.",
                "serde.");

        ClayLedgerConfig config = ClayLedgerConfig.load(null, env);

        assertThat(config.tableTimeouts().of("any")).isEqualTo(java.time.Duration.ofMinutes(30));
        assertPublishesMetrics("clay-ledger", config, 9194);
    }

    /**
     * The app serves {@code /metrics} on the port compose publishes, bound to every interface of its container (on
     * 127.0.0.1 a published port would reach nothing).
     */
    private static void assertPublishesMetrics(String service, StreamsAppConfig config, int architecturePort) {
        assertThat(config.metricsPort()).as("%s metrics.port", service).isEqualTo(architecturePort);
        assertThat(config.metricsHost()).as("%s metrics.host", service).isEqualTo("0.0.0.0");
        assertThat(publishedPorts(service)).containsEntry(architecturePort, config.metricsPort());
    }

    @Test
    void gatewayStartsFromItsComposeEnvironmentWithCurrentKeysAndPublishesItsOwnPorts() {
        Map<String, String> env = environment("gateway");
        AppSettings settings = GatewayConfig.settings();

        GatewayConfig config = new GatewayConfig(settings.load(null, env));

        assertThat(settings.deprecations()).as("old keys in docker-compose.yml").isEmpty();
        assertThat(env.keySet()).allMatch(name -> !name.startsWith("CLAYFLOW_") || name.startsWith(settings.envPrefix()));
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:19092");
        assertThat(publishedPorts("gateway")).containsEntry(config.http().port(), config.http().port())
                .containsEntry(config.management().port(), config.management().port());
        assertThat(healthcheck("gateway")).contains("localhost:" + config.management().port() + "/health/ready");
    }

    /** The status app reads intake's own budget variable, so {@code CLAY_CREDITS_PER_DAY} reaches both. */
    @Test
    void statusStartsFromItsComposeEnvironmentWithIntakesBudgetAndPublishesItsPort() {
        Map<String, String> env = environment("status");

        StatusConfig config = StatusConfig.load(null, env);

        String budget = AppSettings.envName("intake", IntakeConfig.BUDGET_ACTIONS_PER_PERIOD);
        assertThat(rawEnvironment("status").get(budget)).isEqualTo("${CLAY_CREDITS_PER_DAY:-10000}")
                .isEqualTo(rawEnvironment("intake").get(budget));
        assertThat(StatusConfig.load(null, Map.of(budget, "2500")).limits().creditsPerPeriod()).isEqualTo(2500);
        assertThat(config.limits().creditsPerPeriod()).isEqualTo(IntakeConfig.load(null, environment("intake"))
                .budgetActionsPerPeriod());
        assertThat(config.cluster().bootstrapServers()).isEqualTo("kafka:19092");
        assertThat(publishedPorts("status")).containsEntry(config.management().port(), config.management().port());
        assertThat(healthcheck("status")).contains("localhost:" + config.management().port() + "/health/ready");
    }

    @Test
    void theClaySimulatorCallsTheGatewayBackOnItsCallbackRoute() {
        Map<String, String> env = environment("clay-simulator");
        assertKnownSettings(env, SimulatorConfigLoader.ENV_PREFIX, SimulatorConfigLoader.classpathDefaults().keySet());

        var config = SimulatorConfigLoader.load(null, env);

        assertThat(publishedPorts("clay-simulator")).containsEntry(config.port(), config.port());
        assertThat(env.get("CLAYFLOW_SIMULATOR_CALLBACK_URL")).isEqualTo("http://gateway:"
                + GatewayConfig.load(null, environment("gateway")).http().port() + "/v1/clay/callback");
        assertThat(compose.path("services").path("clay-simulator").path("profiles").toString()).contains("simulator");
        assertThat(environment("connect").get("CLAY_WEBHOOK_URLS")).as("the default webhook is the simulator's")
                .startsWith("http://clay-simulator:" + config.port() + "/webhooks/");
    }

    @Test
    void theDefaultPortsAreTheArchitecturesOnes() throws IOException {
        assertThat(publishedPorts("kafka")).containsEntry(9092, 9092);
        assertThat(publishedPorts("schema-registry")).containsKey(8081);
        assertThat(publishedPorts("connect")).containsEntry(8083, 8083);
        assertThat(Files.readString(ROOT.resolve("docker/connect/connect-distributed.properties")))
                .contains("listeners=http://0.0.0.0:8083", "plugin.path=/opt/clayflow/plugins");
    }

    @Test
    void theConnectWorkerServesPrometheusMetricsOnItsRestPortAsTheLocalStacksDoes() throws IOException {
        Properties worker = new Properties();
        worker.load(new StringReader(Files.readString(ROOT.resolve("docker/connect/connect-distributed.properties"))));

        assertThat(worker.getProperty("rest.extension.classes")).isEqualTo(ConnectPart.METRICS_EXTENSION);
        assertThat(ServiceLoader.load(ConnectRestExtension.class).stream().map(extension -> extension.type().getName()))
                .as("REST extensions the connectors plugin declares (what a worker's plugin discovery finds)")
                .contains(ConnectPart.METRICS_EXTENSION);
    }

    @Test
    void theTopicsScriptCreatesThePipelinesTopics() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/kafka/create-topics.sh"));
        Set<String> created = new TreeSet<>();
        Matcher word = Pattern.compile("(?<![\\w./-])((?:leads|clayflow)\\.[a-z.-]+)").matcher(script);
        while (word.find()) {
            created.add(word.group(1));
        }

        assertThat(created).isEqualTo(TopicsPart.topics().stream().map(NewTopic::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    static Stream<Path> connectorConfigs() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docker/connect/connectors"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorConfigs")
    void everyConnectorConfigValidatesAgainstItsConnector(Path file) throws Exception {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Map<String, String> connectEnv = environment("connect");
        Map<String, String> props = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            Matcher reference = ENV_REFERENCE.matcher(field.getValue().asText());
            String value = field.getValue().asText();
            if (reference.matches()) {
                assertThat(connectEnv).as("%s: the worker's environment names %s", file.getFileName(),
                        reference.group(1)).containsKey(reference.group(1));
                value = plausible(reference.group(1), connectEnv.get(reference.group(1)));
            }
            props.put(field.getKey(), value);
        });

        assertThat(Topics.class.getField(constantOf(props.get("topics"))).get(null)).isEqualTo(props.get("topics"));
        assertThat(props).containsEntry("errors.deadletterqueue.topic.name", Topics.LEADS_DLQ)
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        Connector connector = (Connector) Class.forName(props.get("connector.class")).getDeclaredConstructor()
                .newInstance();
        List<String> errors = connector.config().validate(props).stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .map(value -> value.name() + ": " + value.errorMessages()).toList();
        assertThat(errors).as(file.getFileName().toString()).isEmpty();
        assertThat(connector.config().validate(props)).extracting(ConfigValue::name).contains("schema.registry.url");
    }

    @Test
    void everyRequiredVariableIsInEnvExample() {
        Matcher variable = VARIABLE.matcher(compose.toString());
        Set<String> required = new TreeSet<>();
        while (variable.find()) {
            if ("?".equals(variable.group(2)) || variable.group(2) == null) {
                required.add(variable.group(1));
            }
        }

        assertThat(required).isNotEmpty();
        assertThat(envExample.keySet()).containsAll(required);
    }

    @Test
    void servicesWaitForWhatTheyNeed() {
        for (String app : List.of("intake", "routing", "gateway", "status", "connect")) {
            JsonNode dependsOn = compose.path("services").path(app).path("depends_on");
            assertThat(dependsOn.path("topics").path("condition").asText()).as(app)
                    .isEqualTo("service_completed_successfully");
            assertThat(dependsOn.path("schema-registry").path("condition").asText()).as(app)
                    .isEqualTo("service_healthy");
        }
        assertThat(compose.path("services").path("connect-init").path("depends_on").path("connect")
                .path("condition").asText()).isEqualTo("service_healthy");
        services().filter(s -> Set.of("kafka", "schema-registry", "postgres", "connect", "gateway", "status")
                        .contains(s.getKey()))
                .forEach(s -> assertThat(s.getValue().has("healthcheck")).as(s.getKey()).isTrue());
    }

    private static void assertKnownSettings(Map<String, String> env, String prefix, Set<String> defaults,
                                            String... passThrough) {
        List<String> unknown = env.keySet().stream().filter(name -> name.startsWith(prefix))
                .map(name -> name.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'))
                .filter(key -> !defaults.contains(key) && Stream.of(passThrough).noneMatch(key::startsWith))
                .toList();
        assertThat(unknown).as("settings the app does not know (a typo in docker-compose.yml?)").isEmpty();
        assertThat(env.keySet().stream().filter(name -> name.startsWith("CLAYFLOW_"))
                .allMatch(name -> name.startsWith(prefix))).as("only %s variables", prefix).isTrue();
    }

    /** A service's environment with ${VAR:-default} resolved and required ${VAR:?...} taken from .env.example. */
    private static Map<String, String> environment(String service) {
        JsonNode environment = compose.path("services").path(service).path("environment");
        assertThat(environment.isObject()).as("%s has an environment", service).isTrue();
        Map<String, String> env = new LinkedHashMap<>();
        environment.fields().forEachRemaining(field -> env.put(field.getKey(), resolve(field.getValue().asText())));
        return env;
    }

    /** A service's environment as docker-compose.yml writes it, variables unresolved. */
    private static Map<String, String> rawEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        compose.path("services").path(service).path("environment").fields()
                .forEachRemaining(field -> env.put(field.getKey(), field.getValue().asText()));
        return env;
    }

    private static String resolve(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String replacement = "-".equals(variable.group(2)) ? variable.group(3) : envExample.get(name);
            assertThat(replacement).as("a value for %s", name).isNotNull();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }

    /** A value a user would give: the compose default when there is one, else something of the right shape. */
    private static String plausible(String variable, String composeValue) {
        if (composeValue != null && !composeValue.isBlank()) {
            return composeValue;
        }
        return variable.endsWith("_ID") ? "1" : "secret-value";
    }

    private static String constantOf(String topic) {
        return topic.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private static Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> ports = new HashMap<>();
        compose.path("services").path(service).path("ports").forEach(port -> {
            PublishedPort published = PublishedPort.parse(service, port);
            ports.put(published.hostPort(), published.containerPort());
        });
        return ports;
    }

    private static String healthcheck(String service) {
        return compose.path("services").path(service).path("healthcheck").path("test").toString();
    }

    private static Stream<Map.Entry<String, JsonNode>> services() {
        List<Map.Entry<String, JsonNode>> services = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(services::add);
        return services.stream();
    }
}
