package io.clayflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.testsupport.TestCertificates;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsSettingsTest {

    @TempDir
    Path directory;

    @Test
    void noStoreKeepsTheJvmDefaultTrust() {
        assertThat(config(Map.of()).sslContext()).isEmpty();
    }

    @Test
    void aTruststoreMakesAContext() {
        new TestCertificates(directory).keyStore("registry");
        Path trust = new TestCertificates(directory).trustStore("trust", "registry");

        assertThat(config(Map.of(SchemaRegistryClientConfig.TRUSTSTORE.location(), trust.toString(),
                SchemaRegistryClientConfig.TRUSTSTORE.password(), TestCertificates.PASSWORD)).sslContext())
                .isPresent();
    }

    @Test
    void aMissingTruststoreFileNamesTheKeyAndThePath() {
        Path missing = directory.resolve("nope.p12");

        assertThatThrownBy(() -> config(Map.of(SchemaRegistryClientConfig.TRUSTSTORE.location(),
                missing.toString())).sslContext())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SchemaRegistryClientConfig.TRUSTSTORE.location())
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void aWrongKeystorePasswordSaysSo() {
        Path keys = new TestCertificates(directory).keyStore("client");

        assertThatThrownBy(() -> config(Map.of(SchemaRegistryClientConfig.KEYSTORE.location(), keys.toString(),
                SchemaRegistryClientConfig.KEYSTORE.password(), "wrong")).sslContext())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SchemaRegistryClientConfig.KEYSTORE.location())
                .hasMessageContaining("wrong password or type");
    }

    @Test
    void refusesAStoreTypeTheJdkCannotRead() {
        assertThatThrownBy(() -> config(Map.of(SchemaRegistryClientConfig.TRUSTSTORE.type(), "PEM")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SchemaRegistryClientConfig.TRUSTSTORE.type())
                .hasMessageContaining("PKCS12 or JKS");
    }

    @Test
    void passwordsAreNeverPrinted() {
        SchemaRegistryClientConfig config = config(Map.of(SchemaRegistryClientConfig.KEYSTORE.password(), "s3cret",
                SchemaRegistryClientConfig.TRUSTSTORE.password(), "s3cret", SchemaRegistryClientConfig.SSL_KEY_PASSWORD,
                "s3cret"));

        assertThat(config.values().toString()).doesNotContain("s3cret").contains("[hidden]");
    }

    private static SchemaRegistryClientConfig config(Map<String, String> tls) {
        Map<String, String> settings = new java.util.HashMap<>(tls);
        settings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "https://localhost:8443");
        return new SchemaRegistryClientConfig(settings);
    }
}
