package io.clayflow.schemas.registry;

import io.clayflow.config.KeyGroup;
import io.clayflow.config.SharedKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the schema-registry client, under the same keys as Confluent's client so that one set of
 * properties configures either.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    /** The key every clayflow app reads the registry's URLs from, spelled in {@link SharedKeys}. */
    public static final String SCHEMA_REGISTRY_URL = SharedKeys.SCHEMA_REGISTRY_URL;
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** What every TLS key of the registry client starts with (Confluent's names). */
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    /** The store an https registry's certificate (or its CA) is trusted by: {@code schema.registry.ssl.truststore.*} */
    public static final StoreKeys TRUSTSTORE = StoreKeys.named("truststore");
    /** The client's key and certificate, for mutual TLS: {@code schema.registry.ssl.keystore.*}. */
    public static final StoreKeys KEYSTORE = StoreKeys.named("keystore");
    public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";

    /** The store types every JDK reads. */
    private static final ConfigDef.Validator STORE_TYPE = ConfigDef.LambdaValidator.with((name, value) -> {
        if (!"PKCS12".equalsIgnoreCase(String.valueOf(value)) && !"JKS".equalsIgnoreCase(String.valueOf(value))) {
            throw new ConfigException(name, value, "must be PKCS12 or JKS");
        }
    }, () -> "PKCS12 or JKS");

    /** Rejects a URL list that is empty or holds something that is not an http(s) URL. */
    private static final ConfigDef.Validator URL_LIST = ConfigDef.LambdaValidator.with(
            SchemaRegistryClientConfig::checkUrls, () -> "comma-separated http(s) URLs");

    static final ConfigDef CONFIG_DEF = addClientConfig(new ConfigDef());

    public SchemaRegistryClientConfig(Map<?, ?> props) {
        this(CONFIG_DEF, props);
    }

    protected SchemaRegistryClientConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props, false);
        if (basicAuthHeader().isPresent() && bearerToken().isPresent()) {
            throw new ConfigException("Set either " + BASIC_AUTH_USER_INFO + " or " + BEARER_AUTH_TOKEN
                    + " for the schema registry, not both");
        }
    }

    /** Adds the client's keys to a definition, so that serde configs can extend it. */
    public static ConfigDef addClientConfig(ConfigDef def) {
        KeyGroup.of(def, "Schema registry")
                .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, URL_LIST,
                        Importance.HIGH, "Registry URLs",
                        "Comma-separated base URLs of the Confluent-compatible registry API, e.g. "
                                + "http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7; later URLs are "
                                + "tried when an earlier one cannot be reached.")
                .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL", ValidString.in("URL", "USER_INFO"),
                        Importance.MEDIUM, "Basic auth source", "Where basic-auth credentials come from: URL "
                                + "(user:password@ in the registry URL) or USER_INFO (" + BASIC_AUTH_USER_INFO + ").")
                .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "Basic auth user info",
                        "user:password for basic auth when the source is USER_INFO.")
                .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, "STATIC_TOKEN", ValidString.in("STATIC_TOKEN"),
                        Importance.MEDIUM, "Bearer auth source",
                        "Where the bearer token comes from: STATIC_TOKEN (" + BEARER_AUTH_TOKEN + ").")
                .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM, "Bearer token",
                        "Bearer token sent as Authorization: Bearer <token>.")
                .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Connect timeout (ms)", "How long to wait for a connection to the registry.")
                .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Read timeout (ms)", "How long to wait for the registry's answer to one request.")
                .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW, "Max retries",
                        "How many times a request is repeated after a connection failure, a timeout, a 408, "
                                + "a 429 or a 5xx. Other errors are never retried.")
                .define(RETRIES_WAIT_MS, Type.INT, 1_000, ConfigDef.Range.atLeast(0), Importance.LOW, "Retry wait (ms)",
                        "Wait before the first retry; it doubles (with jitter) on each further retry.")
                .define(RETRIES_MAX_WAIT_MS, Type.INT, 20_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Max retry wait (ms)", "Longest wait between two retries.")
                .define(LATEST_CACHE_TTL_SEC, Type.LONG, 60L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                        "Latest-version cache TTL (s)",
                        "How long the latest version of a subject is cached (for use.latest.version); "
                                + "-1 caches it for the life of the client, 0 disables the cache.")
                .definition();
        return addTlsConfig(def);
    }

    private static ConfigDef addTlsConfig(ConfigDef def) {
        KeyGroup tls = KeyGroup.of(def, "Schema registry TLS");
        TRUSTSTORE.define(tls, "Truststore", "The store holding the certificates (or their CA) that an https registry "
                + "URL is trusted by; unset: the JVM's default trust (cacerts).",
                "The truststore's password, if it has one.");
        KEYSTORE.define(tls, "Keystore", "The store holding the client's key and certificate, for a registry that asks "
                + "for one (mutual TLS); unset: no client certificate.", "The keystore's password.");
        return tls.define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Key password",
                        "The password of the key in the keystore; unset: the keystore's password.")
                .definition();
    }

    /**
     * The keys of one store file, {@code schema.registry.ssl.<store>.location}, {@code .password} and {@code .type}
     * (Confluent's names).
     */
    public record StoreKeys(String location, String password, String type) {

        static StoreKeys named(String store) {
            String prefix = SSL_PREFIX + store + ".";
            return new StoreKeys(prefix + "location", prefix + "password", prefix + "type");
        }

        /** Declares the three keys; {@code title} names the store in the display names ("Truststore file"). */
        void define(KeyGroup group, String title, String locationDoc, String passwordDoc) {
            group.define(location, Type.STRING, null, Importance.MEDIUM, title + " file", locationDoc)
                    .define(password, Type.PASSWORD, null, Importance.MEDIUM, title + " password", passwordDoc)
                    .define(type, Type.STRING, "PKCS12", STORE_TYPE, Importance.LOW, title + " type", "PKCS12 or JKS.");
        }
    }

    public List<URI> urls() {
        return getList(SCHEMA_REGISTRY_URL).stream().map(String::trim).map(URI::create).toList();
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
    }

    /** How a failed request is repeated; the longest wait is never shorter than the first. */
    public RetryPolicy retryPolicy() {
        Duration firstWait = Duration.ofMillis(getInt(RETRIES_WAIT_MS));
        Duration maxWait = Duration.ofMillis(getInt(RETRIES_MAX_WAIT_MS));
        return new RetryPolicy(getInt(MAX_RETRIES), firstWait, maxWait.compareTo(firstWait) < 0 ? firstWait : maxWait);
    }

    /**
     * The registry's retry settings: {@code maxRetries} repeats after the first attempt, the first after {@code firstWait},
     * each further one doubling (with jitter) up to {@code maxWait}.
     */
    public record RetryPolicy(int maxRetries, Duration firstWait, Duration maxWait) {
    }

    /** Negative: forever; zero: no caching. */
    public long latestCacheTtlSeconds() {
        return getLong(LATEST_CACHE_TTL_SEC);
    }

    /** The value of an {@code Authorization: Basic ...} header, when basic auth is configured. */
    public Optional<String> basicAuthHeader() {
        String userInfo;
        if ("USER_INFO".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password info = getPassword(BASIC_AUTH_USER_INFO);
            if (info == null || info.value().isBlank()) {
                throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]",
                        "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
            }
            userInfo = info.value();
        } else {
            userInfo = urls().get(0).getRawUserInfo();
        }
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        String decoded = java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }

    /** The truststore an https registry is trusted by, when one is set. */
    Optional<RegistryTls.StoreSettings> truststore() {
        return store(TRUSTSTORE);
    }

    /** The keystore with the client's certificate (mutual TLS), when one is set. */
    Optional<RegistryTls.StoreSettings> keystore() {
        return store(KEYSTORE);
    }

    Optional<String> keyPassword() {
        return secret(SSL_KEY_PASSWORD);
    }

    /** The TLS context the client's HTTP connections use, when a truststore or keystore is set. */
    public Optional<javax.net.ssl.SSLContext> sslContext() {
        return RegistryTls.context(this);
    }

    private Optional<RegistryTls.StoreSettings> store(StoreKeys keys) {
        String location = getString(keys.location());
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RegistryTls.StoreSettings(java.nio.file.Path.of(location.trim()),
                getString(keys.type()), secret(keys.password())));
    }

    private Optional<String> secret(String key) {
        Password value = getPassword(key);
        return value == null || value.value().isEmpty() ? Optional.empty() : Optional.of(value.value());
    }

    /** The bearer token, when one is configured. */
    public Optional<String> bearerToken() {
        Password token = getPassword(BEARER_AUTH_TOKEN);
        return token == null || token.value().isBlank() ? Optional.empty() : Optional.of(token.value());
    }

    private static void checkUrls(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) value;
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException(name, value, "at least one registry URL is required");
        }
        for (String url : urls) {
            try {
                URI uri = URI.create(url.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new ConfigException(name, redact(uri), "not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "[hidden]", "not a URL: " + e.getMessage());
            }
        }
    }

    private static String redact(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }
}
