package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A setting of docker's {@code .env} reaches every part that needs it: given a value unlike any default, each such
 * part's resolved environment (or, for a connector, its configuration with the worker's {@code ${env:...}}
 * references resolved) carries that value. {@code CLAY_RATE_PER_SECOND} once set intake's throttle only, while the
 * Clay sink kept sending 10 rows/s.
 */
class DockerEnvSettingsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");
    private static final String UNLIKE_ANY_DEFAULT = "7";

    private static JsonNode compose;
    private static Map<String, String> envExample;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper().valueToTree(new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))));
        Properties example = new Properties();
        example.load(new StringReader(Files.readString(ROOT.resolve(".env.example"))));
        envExample = new HashMap<>();
        example.stringPropertyNames().forEach(name -> envExample.put(name, example.getProperty(name)));
    }

    /** The setting, and where it must land: a service's environment variable, or a connector's key. */
    static Stream<Arguments> whereEachSettingMustLand() {
        return Stream.of(
                Arguments.of("CLAY_RATE_PER_SECOND", "intake", "CLAYFLOW_INTAKE_THROTTLE_RATE_PER_SECOND"),
                Arguments.of("CLAY_RATE_PER_SECOND", "connector clay-webhook", "rate.limit.rows.per.second"),
                Arguments.of("CLAY_BURST", "intake", "CLAYFLOW_INTAKE_THROTTLE_BURST"),
                Arguments.of("CLAY_CREDITS_PER_DAY", "intake", "CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD"),
                // The status page is the status app's; it reads intake's own budget variable.
                Arguments.of("CLAY_CREDITS_PER_DAY", "status", "CLAYFLOW_INTAKE_BUDGET_ACTIONS_PER_PERIOD"));
    }

    @ParameterizedTest(name = "{0} reaches {1}: {2}")
    @MethodSource("whereEachSettingMustLand")
    void aSettingReachesEveryPartThatNeedsIt(String setting, String part, String key) throws IOException {
        assertThat(envExample).as(".env.example documents %s", setting).containsKey(setting);
        Map<String, String> dotEnv = new HashMap<>(envExample);
        dotEnv.put(setting, UNLIKE_ANY_DEFAULT);

        String value = part.startsWith("connector ")
                ? connectorSetting(part.substring("connector ".length()), key, dotEnv)
                : environment(part, dotEnv).get(key);

        assertThat(value).as("%s in %s with %s=%s in .env", key, part, setting, UNLIKE_ANY_DEFAULT)
                .isEqualTo(UNLIKE_ANY_DEFAULT);
    }

    @Test
    void everySettingOfEnvExampleIsUsedByCompose() {
        Matcher variable = VARIABLE.matcher(compose.toString());
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (variable.find()) {
            used.add(variable.group(1));
        }

        assertThat(used).containsAll(envExample.keySet());
    }

    /** A connector's key as the worker resolves it: {@code ${env:X}} from the connect service's environment. */
    private static String connectorSetting(String connector, String key, Map<String, String> dotEnv)
            throws IOException {
        JsonNode config = new ObjectMapper().readTree(ROOT.resolve("docker/connect/connectors/" + connector + ".json")
                .toFile());
        String value = config.path(key).asText(null);
        assertThat(value).as("%s.json sets %s", connector, key).isNotNull();
        Matcher reference = ENV_REFERENCE.matcher(value);
        return reference.matches() ? environment("connect", dotEnv).get(reference.group(1)) : value;
    }

    /** A service's environment as compose resolves it from {@code dotEnv}. */
    private static Map<String, String> environment(String service, Map<String, String> dotEnv) {
        JsonNode environment = compose.path("services").path(service).path("environment");
        assertThat(environment.isObject()).as("%s has an environment", service).isTrue();
        Map<String, String> env = new HashMap<>();
        environment.fields().forEachRemaining(field -> {
            Matcher variable = VARIABLE.matcher(field.getValue().asText());
            StringBuilder resolved = new StringBuilder();
            while (variable.find()) {
                String given = dotEnv.get(variable.group(1));
                String replacement = given != null && !given.isEmpty() ? given
                        : "-".equals(variable.group(2)) ? variable.group(3) : "";
                variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
            }
            variable.appendTail(resolved);
            env.put(field.getKey(), resolved.toString());
        });
        return env;
    }
}
