package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.Topics;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Where the gateway publishes ({@code topic.*}): the pipeline's topics unless told otherwise (tests, staging). */
public record TopicConfig(String enriched, String raw, String hubspotContactChanges) {

    public static final String PREFIX = "topic.";
    public static final String ENRICHED = PREFIX + "enriched";
    public static final String RAW = PREFIX + "raw";
    public static final String HUBSPOT_CONTACT_CHANGES = PREFIX + "hubspot.contact.changes";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Topics")
                .define(ENRICHED, Type.STRING, Topics.LEADS_ENRICHED, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Enriched topic", "Where callbacks are published.")
                .define(RAW, Type.STRING, Topics.LEADS_RAW, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Raw topic", "Where posted leads are published.")
                .define(HUBSPOT_CONTACT_CHANGES, Type.STRING, Topics.HUBSPOT_CONTACT_CHANGES,
                        new ConfigDef.NonEmptyString(), Importance.LOW, "Contact changes topic",
                        "Where HubSpot's webhook events (contacts created or changed) are published.");
    }

    static TopicConfig from(AbstractConfig parsed) {
        return new TopicConfig(parsed.getString(ENRICHED), parsed.getString(RAW),
                parsed.getString(HUBSPOT_CONTACT_CHANGES));
    }
}
