package io.clayflow.gateway.config;

import io.clayflow.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Where the gateway publishes ({@code topic.*}): the pipeline's topics unless told otherwise (tests, staging). */
public final class TopicConfig extends AbstractConfig {

    public static final String PREFIX = "topic.";
    public static final String ENRICHED = PREFIX + "enriched";
    public static final String RAW = PREFIX + "raw";
    public static final String HUBSPOT_CONTACT_CHANGES = PREFIX + "hubspot.contact.changes";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(ENRICHED, Type.STRING, Topics.LEADS_ENRICHED, new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Where callbacks are published.")
            .define(RAW, Type.STRING, Topics.LEADS_RAW, new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Where posted leads are published.")
            .define(HUBSPOT_CONTACT_CHANGES, Type.STRING, Topics.HUBSPOT_CONTACT_CHANGES,
                    new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Where HubSpot's webhook events (contacts created or changed) are published.");

    TopicConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    public String enriched() {
        return getString(ENRICHED);
    }

    public String raw() {
        return getString(RAW);
    }

    public String hubspotContactChanges() {
        return getString(HUBSPOT_CONTACT_CHANGES);
    }
}
