package io.clayflow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (v1 content type), which Confluent, Apicurio (under
 * {@code /apis/ccompat/v7}), Karapace and Redpanda all speak. Schemas by id are cached process-wide, ids by
 * subject and schema per client; failed calls are retried with exponential backoff on 5xx, 408, 429, timeouts
 * and connection errors only.
 */
public class SchemaRegistryClient implements AutoCloseable {

    private static final ObjectMapper JSON = RegistryHttp.JSON;

    private final SchemaRegistryClientConfig config;
    private final RegistryHttp http;
    private final SchemaCache schemasById;
    private final ConcurrentMap<SubjectAndSchema, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        this(config, httpClient(config), SchemaCache.shared());
    }

    SchemaRegistryClient(SchemaRegistryClientConfig config, HttpClient http, SchemaCache schemasById) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new RegistryHttp(config, http);
        this.schemasById = Objects.requireNonNull(schemasById, "schemasById");
    }

    private static HttpClient httpClient(SchemaRegistryClientConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.sslContext().ifPresent(builder::sslContext);
        return builder.build();
    }

    /** A client configured from properties under Confluent's keys ({@code schema.registry.url}, ...). */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        return new SchemaRegistryClient(new SchemaRegistryClientConfig(configs));
    }

    /**
     * Registers a schema under a subject, or finds it when it is there already, and returns its id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isIncompatible()} when the registry
     *     refuses it under the subject's compatibility rule
     */
    public int register(String subject, Schema schema) {
        SubjectAndSchema key = new SubjectAndSchema(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("Registry answered the registration under " + subject
                    + " without an id: " + answer, 200, -1);
        }
        schemasById.put(cacheKey(id), schema);
        idsBySubjectAndSchema.put(key, id);
        return id;
    }

    /**
     * Finds a schema already registered under a subject.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when the subject or
     *     the schema under it does not exist
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        RegisteredSchema found = new RegisteredSchema(subject, answer.path("id").asInt(),
                answer.path("version").asInt(), schema);
        schemasById.put(cacheKey(found.id()), schema);
        idsBySubjectAndSchema.put(new SubjectAndSchema(subject, schema), found.id());
        return found;
    }

    /** The id of a schema under a subject, from the cache or by {@link #lookup}. */
    public int idOf(String subject, Schema schema) {
        Integer cached = idsBySubjectAndSchema.get(new SubjectAndSchema(subject, schema));
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /**
     * The schema with a global id; fetched once per id and registry for the life of the process.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} for an unknown id
     */
    public Schema schemaById(int id) {
        String key = cacheKey(id);
        Schema cached = schemasById.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException("Schema id " + id + " is a " + type + " schema, not Avro", 200, -1);
        }
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        return schemasById.putIfAbsent(key, schema);
    }

    /** The latest version under a subject, cached for {@code latest.cache.ttl.sec}. */
    public RegisteredSchema latest(String subject) {
        long ttl = config.latestCacheTtlSeconds();
        CachedLatest cached = latestBySubject.get(subject);
        long now = System.nanoTime();
        if (cached != null && (ttl < 0 || now - cached.fetchedAtNanos() < Duration.ofSeconds(ttl).toNanos())) {
            return cached.schema();
        }
        RegisteredSchema latest = version(subject, "latest");
        if (ttl != 0) {
            latestBySubject.put(subject, new CachedLatest(latest, now));
        }
        return latest;
    }

    /** One version of a subject. */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
        int id = answer.path("id").asInt();
        Schema schema = parse(answer.path("schema").asText(), subject + " version " + version);
        schemasById.putIfAbsent(cacheKey(id), schema);
        return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
    }

    /** Whether a schema could be registered under a subject now; a subject with no versions accepts anything. */
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return new CompatibilityResult(true, List.of());
            }
            throw e;
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    /** The registry-wide compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return level(call("GET", "/config", null));
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", compatibilityBody(level));
    }

    /** The subject's own compatibility level, empty when it follows the global one. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(level(call("GET", "/config/" + encode(subject), null)));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    /** Every subject the registry holds. */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    /** The versions under a subject, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public void close() {
        // HttpClient on Java 17 has no close(); its threads end when it is unreachable.
        idsBySubjectAndSchema.clear();
        latestBySubject.clear();
    }

    private JsonNode call(String method, String path, ObjectNode body) {
        return http.call(method, path, body);
    }

    private static ObjectNode schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private static ObjectNode compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    private static CompatibilityLevel level(JsonNode answer) {
        String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
        try {
            return CompatibilityLevel.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("Registry answered an unknown compatibility level: " + answer, 200, -1);
        }
    }

    private static Schema parse(String schema, String what) {
        try {
            return new Schema.Parser().parse(schema);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Registry returned an Avro schema for " + what
                    + " that does not parse: " + e.getMessage(), e);
        }
    }

    private String cacheKey(int id) {
        return http.baseUrls() + "#" + id;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record SubjectAndSchema(String subject, Schema schema) {
    }

    private record CachedLatest(RegisteredSchema schema, long fetchedAtNanos) {
    }
}
