package io.clayflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    private static final Schema LEAD = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Lead\",\"namespace\":\"io.clayflow.schemas\",\"fields\":[]}");

    @ParameterizedTest(name = "{0} names the {1} subject {2}")
    @CsvSource({
        "TopicNameStrategy, value, leads.raw-value",
        "TopicNameStrategy, key, leads.raw-key",
        "io.confluent.kafka.serializers.subject.TopicNameStrategy, value, leads.raw-value",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy, value, io.clayflow.schemas.Lead",
        "io.clayflow.schemas.serde.RecordNameStrategy, key, io.clayflow.schemas.Lead",
        "TopicRecordNameStrategy, value, leads.raw-io.clayflow.schemas.Lead",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, key, leads.raw-io.clayflow.schemas.Lead"
    })
    void understandsConfluentAndOwnStrategyNames(String strategy, String part, String subject) {
        boolean isKey = "key".equals(part);
        AvroSerdeConfig config = config(Map.of(isKey ? "key.subject.name.strategy" : "value.subject.name.strategy",
                strategy));

        assertThat(config.subjectNameStrategy(isKey).subjectName("leads.raw", isKey, LEAD)).isEqualTo(subject);
    }

    @Test
    void defaultsToTopicNameStrategyAndAutoRegistration() {
        AvroSerdeConfig config = config(Map.of());

        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.schemaIdSource()).isEqualTo(AvroSerdeConfig.SchemaIdSource.REGISTER);
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
    }

    @Test
    void refusesAnUnknownStrategyNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("value.subject.name.strategy", "NoSuchStrategy"))
                .subjectNameStrategy(false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("TopicRecordNameStrategy");
    }

    @Test
    void requiresTheRegistryUrl() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void neverPrintsThePasswordsItHolds() {
        AvroSerdeConfig config = config(Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "ada:s3cret"));

        assertThat(config.values().toString()).doesNotContain("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "use.latest.version={0}, auto.register.schemas={1}: {2}")
    @CsvSource({
            "true, true, LATEST_VERSION",
            "true, false, LATEST_VERSION",
            "false, true, REGISTER",
            "false, false, LOOK_UP"})
    void theLatestVersionWinsOverRegistrationAndWithoutEitherTheSchemaIsLookedUp(boolean latest, boolean register,
            AvroSerdeConfig.SchemaIdSource expected) {
        AvroSerdeConfig config = config(Map.of("use.latest.version", latest, "auto.register.schemas", register));

        assertThat(config.schemaIdSource()).isEqualTo(expected);
    }

    private static AvroSerdeConfig config(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", "http://localhost:8081");
        props.putAll(overrides);
        return new AvroSerdeConfig(props);
    }
}
