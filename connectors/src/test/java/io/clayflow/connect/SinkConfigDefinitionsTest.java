package io.clayflow.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.connect.clay.ClayWebhookSinkConfig;
import io.clayflow.connect.hubspot.HubSpotSinkConfig;
import io.clayflow.connect.outreach.OutreachSinkConfig;
import io.clayflow.connect.warehouse.WarehouseSinkConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Connect's validation and UIs show of each sink's keys: a group, a display name and a sentence of documentation,
 * not the two swapped (the group declarations pass both as adjacent strings).
 */
class SinkConfigDefinitionsTest {

    static Stream<Arguments> sinks() {
        return Stream.of(Arguments.of("clay", ClayWebhookSinkConfig.CONFIG_DEF),
                Arguments.of("hubspot", HubSpotSinkConfig.CONFIG_DEF),
                Arguments.of("outreach", OutreachSinkConfig.CONFIG_DEF),
                Arguments.of("warehouse", WarehouseSinkConfig.CONFIG_DEF),
                Arguments.of("hubspot source", io.clayflow.connect.hubspot.source.HubSpotSourceConfig.CONFIG_DEF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void everyKeyHasAGroupAShortDisplayNameAndASentenceOfDocumentation(String sink, ConfigDef definition) {
        assertThat(definition.configKeys().values()).allSatisfy(key -> {
            assertThat(key.group).as(key.name + "'s group").isNotBlank();
            assertThat(key.displayName).as(key.name + "'s display name").isNotBlank().doesNotEndWith(".");
            assertThat(key.documentation).as(key.name + "'s documentation").endsWith(".");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void keysOfAGroupAreNumberedOneByOneInTheOrderDeclared(String sink, ConfigDef definition) {
        Map<String, List<Integer>> orders = definition.configKeys().values().stream().collect(Collectors.groupingBy(
                key -> key.group, Collectors.mapping(key -> key.orderInGroup, Collectors.toList())));
        assertThat(orders).allSatisfy((group, inGroup) -> assertThat(inGroup).as(group)
                .isEqualTo(IntStream.rangeClosed(1, inGroup.size()).boxed().toList()));
    }
}
