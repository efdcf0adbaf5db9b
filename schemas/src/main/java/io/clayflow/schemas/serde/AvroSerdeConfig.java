package io.clayflow.schemas.serde;

import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.registry.SchemaRegistryClientConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the Avro serializer and deserializer, under Confluent's keys so that a configuration written for
 * Confluent's {@code KafkaAvroSerializer} works unchanged (Confluent's strategy class names are understood too).
 */
public class AvroSerdeConfig extends SchemaRegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final String CONFLUENT_STRATEGY_PACKAGE = "io.confluent.kafka.serializers.subject.";
    private static final ConfigDef CONFIG_DEF = addSerdeConfig(addClientConfig(new ConfigDef()));

    public AvroSerdeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef addSerdeConfig(ConfigDef def) {
        String strategyDoc = "How the registry subject is named: TopicNameStrategy (<topic>-key|value), "
                + "RecordNameStrategy (the record's full name) or TopicRecordNameStrategy (<topic>-<full name>); "
                + "a simple name, this package's class name, Confluent's class name, or a class implementing "
                + SubjectNameStrategy.class.getName() + ".";
        return KeyGroup.of(def, "Avro serde")
                .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM, "Auto-register schemas",
                        "Whether the serializer registers the record's schema when the subject lacks it. "
                                + "Turn off in production so only CI registers schemas.")
                .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM, "Use latest version",
                        "Serializer: write with the subject's latest schema (and its id) instead of the record's. "
                                + "Deserializer: read generic records with the subject's latest schema.")
                .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM, "Specific reader",
                        "Whether the deserializer returns generated SpecificRecord classes (read with the class's "
                                + "schema, so old bytes meet the newest fields) rather than GenericRecord.")
                .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.LOW,
                        "Key subject strategy", strategyDoc)
                .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.LOW,
                        "Value subject strategy", strategyDoc)
                .definition();
    }

    /**
     * Where the serializer gets the id it writes: the subject's latest version ({@value #USE_LATEST_VERSION} wins),
     * a registration ({@value #AUTO_REGISTER_SCHEMAS}), or a look-up of the record's own schema.
     */
    public SchemaIdSource schemaIdSource() {
        return useLatestVersion() ? SchemaIdSource.LATEST_VERSION
                : getBoolean(AUTO_REGISTER_SCHEMAS) ? SchemaIdSource.REGISTER : SchemaIdSource.LOOK_UP;
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /** The subject name strategy for keys or values. */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        String name = getString(key).trim();
        String simpleName = name.startsWith(CONFLUENT_STRATEGY_PACKAGE)
                ? name.substring(CONFLUENT_STRATEGY_PACKAGE.length())
                : name.startsWith(TopicNameStrategy.class.getPackageName() + ".")
                        ? name.substring(TopicNameStrategy.class.getPackageName().length() + 1) : name;
        switch (simpleName) {
            case "TopicNameStrategy":
                return new TopicNameStrategy();
            case "RecordNameStrategy":
                return new RecordNameStrategy();
            case "TopicRecordNameStrategy":
                return new TopicRecordNameStrategy();
            default:
                return customStrategy(key, name);
        }
    }

    /** How the serializer finds the schema id of a record it writes. */
    public enum SchemaIdSource {
        /** The subject's latest version; the record is converted to it. */
        LATEST_VERSION,
        /** The record's schema, registered under the subject when it is not there yet. */
        REGISTER,
        /** The record's schema, which must already be registered under the subject. */
        LOOK_UP
    }

    private static SubjectNameStrategy customStrategy(String key, String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new ConfigException(key, className, "does not implement " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, className,
                    "unknown strategy; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(key, className, "could not be instantiated: " + e);
        }
    }
}
