package io.clayflow.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.registry.SchemaRegistryClientConfig;
import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.clayflow.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry client against a real Apicurio registry served over TLS: the server's certificate is made here with the
 * JDK's keytool, and the client is configured under Confluent's {@code schema.registry.ssl.*} keys only. (A client
 * certificate cannot be required by the prebuilt Apicurio: {@code RegistryMutualTlsTest} covers the keystore.)
 */
class RegistryTlsIT {

    private static SchemaRegistryServer registry;
    private static Path trustsRegistry;
    private static Path trustsSomeoneElse;

    @BeforeAll
    static void startRegistryOverTls() throws Exception {
        TestCertificates certificates = new TestCertificates(Files.createTempDirectory("registry-tls"));
        Path serverKeys = certificates.keyStore("registry");
        certificates.keyStore("stranger");
        trustsRegistry = certificates.trustStore("trusts-registry", "registry");
        trustsSomeoneElse = certificates.trustStore("trusts-stranger", "stranger");
        registry = SchemaRegistryServer.startWithTls(serverKeys, TestCertificates.PASSWORD);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void registersAndReadsASchemaOverTls() {
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings(trustsRegistry))) {
            String subject = Topics.valueSubject("tls-test");
            int id = client.register(subject, Lead.getClassSchema());

            assertThat(id).isPositive();
            assertThat(client.lookup(subject, Lead.getClassSchema()).id()).isEqualTo(id);
        }
    }

    @Test
    void theSerdeTakesTheSameKeysAndRoundTripsALead() {
        Map<String, Object> settings = settings(trustsRegistry);
        settings.put("specific.avro.reader", "true");
        Lead lead = TestLeads.ada();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
                KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            serializer.configure(settings, false);
            deserializer.configure(settings, false);
            byte[] bytes = serializer.serialize(Topics.LEADS_RAW, lead);

            assertThat(deserializer.deserialize(Topics.LEADS_RAW, bytes)).isEqualTo(lead);
        }
    }

    @Test
    void aTruststoreThatDoesNotTrustTheRegistryFailsAtOnceNamingTheSetting() {
        long startedAt = System.nanoTime();
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings(trustsSomeoneElse))) {
            assertThatThrownBy(() -> client.register(Topics.valueSubject("tls-test"), Lead.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.isTlsFailure()).isTrue())
                    .hasMessageContaining("TLS handshake with the schema registry at " + registry.httpsUrl())
                    .hasMessageContaining("certificate is not trusted by "
                            + SchemaRegistryClientConfig.TRUSTSTORE.location() + "=" + trustsSomeoneElse)
                    .hasMessageContaining("unable to find valid certification path");
        }
        // Three retries one second apart would take seconds: a trust failure is never retried.
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void withoutATruststoreTheJvmDefaultTrustRefusesATestCertificate() {
        Map<String, Object> settings = settings(trustsRegistry);
        settings.remove(SchemaRegistryClientConfig.TRUSTSTORE.location());
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings)) {
            assertThatThrownBy(() -> client.register(Topics.valueSubject("tls-test"), Lead.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isTlsFailure()).isTrue())
                    .hasMessageContaining("the JVM's default truststore ("
                            + SchemaRegistryClientConfig.TRUSTSTORE.location() + " is not set)");
        }
    }

    private static Map<String, Object> settings(Path truststore) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.httpsUrl());
        settings.put(SchemaRegistryClientConfig.TRUSTSTORE.location(), truststore.toString());
        settings.put(SchemaRegistryClientConfig.TRUSTSTORE.password(), TestCertificates.PASSWORD);
        settings.put(SchemaRegistryClientConfig.TRUSTSTORE.type(), "PKCS12");
        settings.put(SchemaRegistryClientConfig.MAX_RETRIES, 3);
        settings.put(SchemaRegistryClientConfig.RETRIES_WAIT_MS, 1_000);
        settings.put(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, 10_000);
        return settings;
    }
}
