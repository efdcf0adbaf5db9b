package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each Streams app part is told about its management port, and what `up` prints for it (nothing is started). */
class StreamsAppPartTest {

    static Stream<Arguments> apps() {
        Function<StackConfig, StreamsAppPart<?>> intake = IntakePart::new;
        Function<StackConfig, StreamsAppPart<?>> routing = RoutingPart::new;
        Function<StackConfig, StreamsAppPart<?>> ledger = ClayLedgerPart::new;
        return Stream.of(Arguments.of("intake", intake, StackConfig.INTAKE_METRICS_PORT),
                Arguments.of("routing", routing, StackConfig.ROUTING_METRICS_PORT),
                Arguments.of("ledger", ledger, StackConfig.LEDGER_METRICS_PORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void servesManagementOnTheStacksHostAndItsOwnPortWhateverTheOverridesSay(String app,
            Function<StackConfig, StreamsAppPart<?>> part, String portKey) {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of(StackConfig.HOST, "127.0.0.2", portKey, "29191",
                "override." + app + ".management.host", "0.0.0.0", "override." + app + ".management.port", "1234"));

        StreamsAppPart<?> streamsApp = part.apply(config);

        assertThat(streamsApp.name()).isEqualTo(app);
        assertThat(streamsApp.configuration().managementHost()).isEqualTo("127.0.0.2");
        assertThat(streamsApp.configuration().managementPort()).isEqualTo(29191);
        assertThat(streamsApp.endpoints()).contains(
                new Endpoint("Prometheus metrics", "http://127.0.0.2:29191/metrics"),
                new Endpoint("health", "http://127.0.0.2:29191/health/live, /health/ready"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void theAppsOldMetricsKeysInAnOverrideLoseToTheStacksPortToo(String app,
            Function<StackConfig, StreamsAppPart<?>> part, String portKey) {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of(portKey, "29191",
                "override." + app + ".metrics.port", "1234"));

        assertThat(part.apply(config).configuration().managementPort()).isEqualTo(29191);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void anUnknownOverrideKeyStopsTheStackNamingTheClosestKey(String app,
            Function<StackConfig, StreamsAppPart<?>> part, String portKey) {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of("override." + app + ".aplication.id", "x"));

        assertThatThrownBy(() -> part.apply(config)).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown " + app + " setting 'aplication.id' (did you mean 'application.id'?)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void listsNoMetricsWhenItsPortIsMinusOne(String app, Function<StackConfig, StreamsAppPart<?>> part,
            String portKey) {
        StreamsAppPart<?> streamsApp = part.apply(StackConfig.load(null, Map.of(), Map.of(portKey, "-1")));

        assertThat(streamsApp.configuration().managementPort()).isEqualTo(-1);
        assertThat(streamsApp.endpoints()).extracting(Endpoint::what).isEqualTo(List.of("Streams application"));
    }
}
