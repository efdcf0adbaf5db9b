package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;

/** HTTPS on the public port from a PEM certificate and key (made with openssl; skipped where there is none). */
@ClayflowIntegrationTest
class GatewayTlsIT {

    @Test
    void servesCallbacksOverHttpsWithAPemCertificate(KafkaBroker kafka, SchemaRegistryServer registry,
            @TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "openssl is not installed");
            return;
        }
        openssl.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assumeTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl could not make a cert");

        String prefix = "gateway-tls-it";
        kafka.createTopic(prefix + ".leads.enriched", 1);
        kafka.createTopic(prefix + ".leads.raw", 1);
        try (GatewayUnderTest gateway = GatewayUnderTest.start(kafka, registry, prefix,
                Map.of("http.tls.cert.path", cert.toString(), "http.tls.key.path", key.toString()))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(cert)) {
                trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();

            HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.server.httpPort() + "/v1/clay/callback"))
                    .header("Authorization", "Bearer " + GatewayUnderTest.CALLBACK_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lead_id\": \"tls-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }
}
