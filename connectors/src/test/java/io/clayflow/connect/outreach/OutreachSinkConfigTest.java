package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutreachSinkConfigTest {

    static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("outreach.token", "s3cret-token");
        props.put("outreach.sequence.id", "42");
        props.put("outreach.mailbox.id", "7");
        props.put("schema.registry.url", "http://localhost:8081");
        return props;
    }

    @Test
    void defaultsAreOutreachsOwn() {
        OutreachSinkConfig config = new OutreachSinkConfig(valid());

        assertThat(config.baseUrl()).hasToString("https://api.outreach.io");
        assertThat(config.resilience().ratePermits()).isEqualTo(10_000);
        assertThat(config.resilience().ratePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxInlineWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sequenceId()).isEqualTo(42);
        assertThat(config.mailboxId()).isEqualTo(7);
        assertThat(config.mapping().emailFields()).containsExactly("email", "work_email");
    }

    @Test
    void theTokenIsAPasswordNeverPrinted() {
        OutreachSinkConfig config = new OutreachSinkConfig(valid());

        assertThat(config.token()).isEqualTo("s3cret-token");
        assertThat(config.values().toString()).doesNotContain("s3cret-token");
        assertThat(OutreachSinkConfig.CONFIG_DEF.configKeys().get(OutreachSinkConfig.TOKEN).type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(OutreachSinkConfig.TOKEN, null),
                Arguments.of(OutreachSinkConfig.SEQUENCE_ID, null),
                Arguments.of(OutreachSinkConfig.SEQUENCE_ID, "0"),
                Arguments.of(OutreachSinkConfig.MAILBOX_ID, "seven"),
                Arguments.of(OutreachSinkConfig.BASE_URL, "ftp://api.outreach.io"),
                Arguments.of(OutreachSinkConfig.REQUESTS_PER_HOUR, "0"),
                Arguments.of(OutreachSinkConfig.MAX_INLINE_WAIT_MS, "600000"),
                Arguments.of(OutreachSinkConfig.FIELD_MAPPING, "firstName=nope"),
                Arguments.of("retry.max.attempts", "0"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void aBadSettingFailsNamingTheKey(String key, String value) {
        Map<String, String> props = valid();
        if (value == null) {
            props.remove(key);
        } else {
            props.put(key, value);
        }
        assertThatThrownBy(() -> new OutreachSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
