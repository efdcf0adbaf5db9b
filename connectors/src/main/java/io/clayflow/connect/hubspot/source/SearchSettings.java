package io.clayflow.connect.hubspot.source;

import io.clayflow.config.KeyGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How the HubSpot source searches for changed contacts: from when, how often once caught up, how far behind now, how
 * many per request and per second, or not at all (the webhook path alone).
 *
 * @param startFromMs   with no offset stored yet, the first lastmodifieddate to read (epoch ms; 0: every contact)
 * @param pollInterval  how long to wait for new changes once caught up
 * @param settle        how young a change may be before it is searched for (HubSpot's index lags its writes)
 * @param pageSize      contacts per search request
 * @param ratePerSecond search requests per second
 * @param enabled       whether to search at all
 */
record SearchSettings(long startFromMs, Duration pollInterval, Duration settle, int pageSize, int ratePerSecond,
                      boolean enabled) {

    public static final String START_FROM_MS = "start.from.ms";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String SETTLE_MS = "search.settle.ms";
    public static final String PAGE_SIZE = "search.page.size";
    public static final String SEARCH_RATE_PER_SECOND = "search.rate.per.second";
    public static final String SEARCH_ENABLED = "search.enabled";

    /** Declares the search keys in {@code group} (the source's "Source" group, after its topic and registry). */
    static KeyGroup define(KeyGroup group) {
        return group
                .define(START_FROM_MS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, "Start from (epoch ms)",
                        "With no offset stored yet: the first change to read (lastmodifieddate, epoch ms). 0 reads "
                                + "every contact the portal has.")
                .define(POLL_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(10), Importance.MEDIUM,
                        "Poll interval (ms)", "How long to wait for new changes once caught up.")
                .define(SETTLE_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.MEDIUM, "Settle time (ms)",
                        "Changes younger than this are left for a later search: HubSpot's search index lags its "
                                + "writes by seconds, and a change indexed after the source passed its time would "
                                + "be skipped.")
                .define(PAGE_SIZE, Type.INT, 100, Range.between(1, 200), Importance.LOW, "Page size",
                        "Contacts per search request (HubSpot allows 200).")
                .define(SEARCH_RATE_PER_SECOND, Type.INT, 4, Range.atLeast(1), Importance.MEDIUM,
                        "Searches per second",
                        "Search requests per second. HubSpot allows 5 per second per portal for all search "
                                + "clients together, and counts them in the portal's general limit too.")
                .define(SEARCH_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Search for changes",
                        "Poll the search API for contacts changed since the offset. Off: only the webhook path "
                                + "(" + HubSpotSourceConfig.CHANGES_TOPIC + ") brings leads.");
    }

    /** Reads the keys {@link #define} declared. */
    static SearchSettings from(AbstractConfig config) {
        return new SearchSettings(config.getLong(START_FROM_MS), Duration.ofMillis(config.getLong(POLL_INTERVAL_MS)),
                Duration.ofMillis(config.getLong(SETTLE_MS)), config.getInt(PAGE_SIZE),
                config.getInt(SEARCH_RATE_PER_SECOND), config.getBoolean(SEARCH_ENABLED));
    }
}
