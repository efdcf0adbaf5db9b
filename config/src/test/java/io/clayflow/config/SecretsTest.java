package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void passwordsAndSecretLookingPassThroughKeysAreMaskedAndTheRestShown() {
        ConfigDef def = new ConfigDef()
                .define("callback.tokens", Type.PASSWORD, "", Importance.HIGH, "tokens")
                .define("http.port", Type.INT, 8080, Importance.HIGH, "port");
        AbstractConfig config = new AbstractConfig(def, Map.of("callback.tokens", "s3cret",
                "kafka.sasl.jaas.config", "user=a password=b", "kafka.acks", "all"), false);
        String printed = Secrets.describe(config, def);
        assertThat(printed).doesNotContain("s3cret").doesNotContain("password=b")
                .contains("callback.tokens=[hidden]\n").contains("kafka.sasl.jaas.config=[hidden]\n")
                .contains("http.port=8080\n").contains("kafka.acks=all\n");
    }

    @Test
    void theRuleNamesTheUsualSecretKeys() {
        assertThat(Secrets.isSecret("serde.basic.auth.user.info")).isTrue();
        assertThat(Secrets.isSecret("ssl.key.password")).isTrue();
        assertThat(Secrets.isSecret("clay.api.key")).isTrue();
        assertThat(Secrets.isSecret("bootstrap.servers")).isFalse();
    }

    @Test
    void credentialsInAUrlAreMaskedWhateverTheKey() {
        assertThat(Secrets.printable("schema.registry.url", "https://user:url-pw@registry:8081/apis/ccompat/v7"))
                .isEqualTo("https://[hidden]@registry:8081/apis/ccompat/v7");
        assertThat(Secrets.printable("schema.registry.url", "http://registry:8081")).isEqualTo("http://registry:8081");
    }
}
