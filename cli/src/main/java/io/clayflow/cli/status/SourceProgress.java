package io.clayflow.cli.status;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a CRM source connector has read: the last modification time in its committed Connect source offset
 * ({@code lastmodified}, from {@code GET /connectors/{name}/offsets}) and when HubSpot last answered one of its
 * searches (the worker's {@code clayflow_connect_last_search_ms} gauge). Its lag is now minus the time read up to;
 * an idle CRM makes that grow too, which is why the last search is shown beside it: a recent search with a growing
 * lag means nothing changed, a stale search means the source is not reading.
 *
 * @param readUpTo the last modification time the source has handed over and committed, or null (no offset yet)
 * @param lastSearch when HubSpot last answered a search, or null (unknown: no metrics endpoint, or none yet)
 */
public record SourceProgress(Instant readUpTo, Instant lastSearch) {

    /** Now minus the time read up to, or null when there is no offset yet. */
    public Duration lag(Instant now) {
        return readUpTo == null ? null : Duration.between(readUpTo, now);
    }

    /** How long ago HubSpot last answered a search, or null when unknown. */
    public Duration sinceLastSearch(Instant now) {
        return lastSearch == null ? null : Duration.between(lastSearch, now);
    }
}
