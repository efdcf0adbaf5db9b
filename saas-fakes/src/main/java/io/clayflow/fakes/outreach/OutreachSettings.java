package io.clayflow.fakes.outreach;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;

import io.clayflow.fakes.FakeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Outreach fake's settings in the fakes app, under {@code outreach.} there (the keys below are without it): off
 * unless {@code enabled} is true; the rest are {@link OutreachConfig}'s, with Outreach's own limit as default.
 */
public final class OutreachSettings extends FakeSettings<OutreachConfig> {

    public static final String SEQUENCE_IDS = "sequence.ids";
    public static final String MAILBOX_IDS = "mailbox.ids";
    public static final String RATE_LIMIT_REQUESTS = "rate.limit.requests";
    public static final String RATE_LIMIT_WINDOW = "rate.limit.window.ms";
    public static final String EXCLUDED_DOMAINS = "excluded.domains";

    /** The port the local stack gives the Outreach fake. */
    public static final int DEFAULT_PORT = 8092;

    private OutreachSettings(Map<String, ?> props) {
        super(definition(), props);
    }

    public static ConfigDef definition() {
        return define("Outreach", DEFAULT_PORT, OutreachConfig.DEFAULT_TOKEN)
                .define(SEQUENCE_IDS, LIST, "1", OutreachSettings::integerIds, MEDIUM,
                        "The sequences that exist (integer ids).")
                .define(MAILBOX_IDS, LIST, "1", OutreachSettings::integerIds, MEDIUM,
                        "The mailboxes that exist (integer ids).")
                .define(RATE_LIMIT_REQUESTS, INT, OutreachConfig.DEFAULT_REQUESTS_PER_HOUR, Range.atLeast(1), MEDIUM,
                        "Requests per user per window (Outreach: 10,000 per hour).")
                .define(RATE_LIMIT_WINDOW, LONG, Duration.ofHours(1).toMillis(), Range.atLeast(1), MEDIUM,
                        "The window, in ms.")
                .define(EXCLUDED_DOMAINS, LIST, "", LOW, "Email domains the org excludes.");
    }

    /** The Outreach fake's configuration from the app's {@code outreach.*} settings (prefix removed), when enabled. */
    public static Optional<OutreachConfig> enabledIn(Map<String, ?> props) {
        return new OutreachSettings(props).ifEnabled();
    }

    @Override
    protected OutreachConfig toConfig() {
        OutreachConfig.Builder builder = listening(OutreachConfig.builder())
                .token(token())
                .rateLimit(getInt(RATE_LIMIT_REQUESTS), Duration.ofMillis(getLong(RATE_LIMIT_WINDOW)));
        ids(SEQUENCE_IDS).forEach(builder::sequence);
        ids(MAILBOX_IDS).forEach(builder::mailbox);
        getList(EXCLUDED_DOMAINS).forEach(builder::excludedDomain);
        return builder.build();
    }

    private List<Long> ids(String key) {
        return getList(key).stream().map(Long::valueOf).toList();
    }

    private static void integerIds(String name, Object value) {
        for (Object id : (List<?>) value) {
            try {
                Long.parseLong(String.valueOf(id));
            } catch (NumberFormatException e) {
                throw new ConfigException(name, value, "must be integer ids, e.g. 1,2");
            }
        }
    }
}
