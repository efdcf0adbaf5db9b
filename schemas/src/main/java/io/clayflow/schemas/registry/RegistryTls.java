package io.clayflow.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * The TLS context of the registry client, from Confluent's {@code schema.registry.ssl.*} settings: a truststore to
 * trust the registry's certificate, a keystore for a client certificate (mutual TLS). Without either, the JDK's
 * default trust (its {@code cacerts}) applies, as for any {@code https} URL.
 */
final class RegistryTls {

    private RegistryTls() {
    }

    /** The context for {@code config}, or empty when no truststore and no keystore is set. */
    static Optional<SSLContext> context(SchemaRegistryClientConfig config) {
        Optional<StoreSettings> trust = config.truststore();
        Optional<StoreSettings> keys = config.keystore();
        if (trust.isEmpty() && keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trustManagers = null;
            if (trust.isPresent()) {
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(load(trust.get(), SchemaRegistryClientConfig.TRUSTSTORE.location()));
            }
            KeyManagerFactory keyManagers = null;
            if (keys.isPresent()) {
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] keyPassword = config.keyPassword().or(() -> keys.get().password()).map(String::toCharArray)
                        .orElse(new char[0]);
                keyManagers.init(load(keys.get(), SchemaRegistryClientConfig.KEYSTORE.location()), keyPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot build the schema registry's TLS context from "
                    + SchemaRegistryClientConfig.SSL_PREFIX + "*: " + e.getMessage());
        }
    }

    private static KeyStore load(StoreSettings store, String locationKey) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(store.location())) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new ConfigException(locationKey, store.location().toString(), "no such file");
        } catch (IOException e) {
            // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
            throw new ConfigException(locationKey, store.location().toString(), "cannot be read as a "
                    + store.type() + " store (wrong password or type?): " + e.getMessage());
        }
    }

    /** One store: its file, type ({@code PKCS12}, {@code JKS}) and password, if any. */
    record StoreSettings(Path location, String type, Optional<String> password) {
    }
}
