package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KeyGroupTest {

    @Test
    void keysGetTheGroupTheirOrderAWidthByTypeAndWhatWasSaidOfThem() {
        ConfigDef def = KeyGroup.of(new ConfigDef(), "Throttle")
                .define("rate", Type.DOUBLE, 10.0, Range.atLeast(0.001), Importance.HIGH, "Rate", "Leads per second.")
                .define("hosts", Type.LIST, "a,b", Importance.LOW, "Hosts", "Where.")
                .define("name", Type.STRING, "x", Importance.MEDIUM, "Name", "What.")
                .definition();

        ConfigKey rate = def.configKeys().get("rate");
        assertThat(rate.group).isEqualTo("Throttle");
        assertThat(rate.orderInGroup).isEqualTo(1);
        assertThat(rate.width).isEqualTo(Width.SHORT);
        assertThat(rate.displayName).isEqualTo("Rate");
        assertThat(rate.documentation).isEqualTo("Leads per second.");
        assertThat(rate.importance).isEqualTo(Importance.HIGH);
        assertThat(rate.defaultValue).isEqualTo(10.0);
        assertThat(def.configKeys().get("hosts").orderInGroup).isEqualTo(2);
        assertThat(def.configKeys().get("hosts").width).isEqualTo(Width.LONG);
        assertThat(def.configKeys().get("name").orderInGroup).isEqualTo(3);
        assertThat(def.configKeys().get("name").width).isEqualTo(Width.MEDIUM);
    }

    @Test
    void theValidatorChecksTheValue() {
        ConfigDef def = KeyGroup.of(new ConfigDef(), "G")
                .define("rate", Type.DOUBLE, 10.0, Range.atLeast(1), Importance.HIGH, "Rate", "doc").definition();

        assertThatThrownBy(() -> def.parse(Map.of("rate", "0.5"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rate");
    }

    @Test
    void aGroupDeclaredInPartsContinuesItsOrder() {
        ConfigDef def = new ConfigDef()
                .define("first", Type.INT, 1, Importance.LOW, "doc", "Kafka", 1, Width.SHORT, "First")
                .define("other", Type.INT, 1, Importance.LOW, "doc", "Other", 7, Width.SHORT, "Other");

        KeyGroup.of(def, "Kafka").define("second", Type.INT, 2, Importance.LOW, "Second", "doc");

        assertThat(def.configKeys().get("second").orderInGroup).isEqualTo(2);
        assertThat(KeyGroup.of(def, "New").define("n", Type.INT, 0, Importance.LOW, "N", "doc").definition()
                .configKeys().get("n").orderInGroup).isEqualTo(1);
    }
}
