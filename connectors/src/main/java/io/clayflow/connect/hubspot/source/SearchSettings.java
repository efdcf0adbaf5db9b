package io.clayflow.connect.hubspot.source;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;

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

    /** Reads the search keys of a {@link HubSpotSourceConfig}. */
    static SearchSettings from(AbstractConfig config) {
        return new SearchSettings(config.getLong(HubSpotSourceConfig.START_FROM_MS),
                Duration.ofMillis(config.getLong(HubSpotSourceConfig.POLL_INTERVAL_MS)),
                Duration.ofMillis(config.getLong(HubSpotSourceConfig.SETTLE_MS)),
                config.getInt(HubSpotSourceConfig.PAGE_SIZE), config.getInt(HubSpotSourceConfig.SEARCH_RATE_PER_SECOND),
                config.getBoolean(HubSpotSourceConfig.SEARCH_ENABLED));
    }
}
