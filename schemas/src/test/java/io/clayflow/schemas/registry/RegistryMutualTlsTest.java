package io.clayflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.clayflow.testsupport.TestCertificates;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keystore settings (mutual TLS) and basic/bearer auth over TLS, against a loopback HTTPS server that requires a
 * client certificate, as a Confluent registry with {@code ssl.client.auth=true} does. The prebuilt Apicurio registry
 * cannot be made to require one at run time (its {@code quarkus.http.ssl.client-auth} is fixed at build time), so
 * {@code RegistryTlsIT} covers the truststore against the real registry and this covers the client certificate.
 */
class RegistryMutualTlsTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

    @TempDir
    static Path directory;

    private static Path serverKeys;
    private static Path serverTrustsClient;
    private static Path trustsServer;
    private static Path clientKeys;

    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        TestCertificates certificates = new TestCertificates(directory);
        serverKeys = certificates.keyStore("registry");
        clientKeys = certificates.keyStore("client");
        certificates.keyStore("stranger");
        trustsServer = certificates.trustStore("trusts-registry", "registry");
        serverTrustsClient = certificates.trustStore("registry-trusts-client", "client");
    }

    @BeforeEach
    void startServerRequiringAClientCertificate() throws Exception {

        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverKeys), TestCertificates.PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(serverTrustsClient));
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void presentsTheKeystoresCertificateAndSendsBasicAuth() {
        Map<String, Object> settings = withClientCertificate(settings());
        settings.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        settings.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "clayflow:pa55");
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings)) {
            assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        }
        assertThat(authorizations).containsExactly("Basic Y2xheWZsb3c6cGE1NQ==");
    }

    @Test
    void sendsABearerTokenOverMutualTls() {
        Map<String, Object> settings = withClientCertificate(settings());
        settings.put(SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN");
        settings.put(SchemaRegistryClientConfig.BEARER_AUTH_TOKEN, "tok-123");
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings)) {
            assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        }
        assertThat(authorizations).containsExactly("Bearer tok-123");
    }

    @Test
    void withoutAKeystoreTheRefusalPointsAtTheKeystoreSetting() {
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings())) {
            assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("requires a client certificate")
                    .hasMessageContaining(SchemaRegistryClientConfig.KEYSTORE.location() + " is not set");
        }
        assertThat(authorizations).as("no request got through").isEmpty();
    }

    @Test
    void aKeystoreTheServerDoesNotTrustIsRefusedNamingThatKeystore() {
        Map<String, Object> settings = settings();
        Path stranger = directory.resolve("stranger.p12");
        settings.put(SchemaRegistryClientConfig.KEYSTORE.location(), stranger.toString());
        settings.put(SchemaRegistryClientConfig.KEYSTORE.password(), TestCertificates.PASSWORD);
        try (SchemaRegistryClient client = SchemaRegistryClient.create(settings)) {
            assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("may not trust the one in "
                            + SchemaRegistryClientConfig.KEYSTORE.location() + "=" + stranger);
        }
        assertThat(authorizations).as("no request got through").isEmpty();
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "https://localhost:" + server.getAddress().getPort());
        settings.put(SchemaRegistryClientConfig.TRUSTSTORE.location(), trustsServer.toString());
        settings.put(SchemaRegistryClientConfig.TRUSTSTORE.password(), TestCertificates.PASSWORD);
        settings.put(SchemaRegistryClientConfig.MAX_RETRIES, 0);
        return settings;
    }

    private Map<String, Object> withClientCertificate(Map<String, Object> settings) {
        settings.put(SchemaRegistryClientConfig.KEYSTORE.location(), clientKeys.toString());
        settings.put(SchemaRegistryClientConfig.KEYSTORE.password(), TestCertificates.PASSWORD);
        settings.put(SchemaRegistryClientConfig.SSL_KEY_PASSWORD, TestCertificates.PASSWORD);
        return settings;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return keyStore;
    }
}
