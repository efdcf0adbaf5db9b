package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.schemas.registry.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads HubSpot contacts created or changed since its offset, in change order ({@link ChangeCursor}), and hands each
 * over as a lead ({@link LeadRecords}); clayflow's own write-backs are skipped and counted ({@link OwnWriteGuard}).
 * The cursor moves only once a whole page became records: when HubSpot or the schema registry is unavailable, the
 * task waits (HubSpot's Retry-After, else its backoff) and asks for the same page again, so nothing is skipped.
 */
public class HubSpotSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotSourceTask.class);
    // A poll returns at least this often, so that the worker can stop the task.
    private static final Duration MAX_WAIT_IN_POLL = Duration.ofMillis(500);

    private final Clock clock = Clock.systemUTC();
    private HubSpotSourceConfig config;
    private ContactSearch search;
    private ChangeCursor cursor;
    private LeadRecords records;
    private OwnWriteGuard guard;
    private ContactChangeFeed feed;
    private Sensor leads;
    private Sensor ownWrites;
    private Sensor unavailable;
    private long notBeforeMs;
    private long notSearchBeforeMs;
    private int failuresInARow;
    // Wall-clock ms of the last search HubSpot answered (0: none yet); clayflow status shows it beside the offset.
    private volatile long lastSearchMs;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new HubSpotSourceConfig(props);
        guard = config.ownWriteGuard();
        SinkMetrics metrics = new SinkMetrics(context.pluginMetrics());
        leads = metrics.counter("leads-produced", "Contact changes handed over as leads");
        ownWrites = metrics.counter("own-writes-skipped",
                "Contact changes that were clayflow's own write-back, skipped (no new lead)");
        unavailable = metrics.counter("searches-deferred",
                "Times HubSpot or the registry could not be asked and the same page was asked again later");
        Sensor rateLimited = metrics.counter("responses-429", "429 answers from HubSpot (each one waited out)");
        Set<String> properties = new LinkedHashSet<>(config.leadMapping().properties());
        if (!guard.property().isEmpty()) {
            properties.add(guard.property());
        }
        search = ContactSearch.create(config, List.copyOf(properties), () -> rateLimited.record());
        Map<String, Object> offset = context.offsetStorageReader().offset(LeadRecords.PARTITION);
        cursor = new ChangeCursor(search, config.search().pageSize(),
                CursorPosition.fromOffset(offset, config.search().startFromMs()));
        records = new LeadRecords(config, props);
        if (!config.changesTopic().isEmpty()) {
            feed = ContactChangeFeed.create(config, props, context.offsetStorageReader());
        }
        metrics.gauge("circuit-state", "HubSpot circuit: 0 closed, 1 open, 2 half-open",
                search.guard()::circuitStateCode);
        metrics.gauge("change-lag-ms", "How far behind now the last change handed over lies (ms)",
                () -> clock.millis() - cursor.position().lastModifiedMs());
        metrics.gauge("last-search-ms", "When HubSpot last answered a search (epoch ms, 0 = not yet)",
                () -> lastSearchMs);
        LOG.info("HubSpot source started at {} (lastmodifieddate ms, id), searching {} to topic {}",
                cursor.position(), config.searchUri(), config.topic());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long now = clock.millis();
        if (now < notBeforeMs) {
            Thread.sleep(Math.min(notBeforeMs - now, MAX_WAIT_IN_POLL.toMillis()));
            return null;
        }
        try {
            // One path per poll: records of one path are never lost to a failure of the other.
            List<SourceRecord> out = feed == null ? List.of() : fromWebhooks();
            if (out.isEmpty() && config.search().enabled()) {
                out = fromSearch(now);
            }
            failuresInARow = 0;
            leads.record(out.size());
            return out.isEmpty() ? null : out;
        } catch (UnavailableException e) {
            deferTo(e.retryAfter(), e.getMessage());
        } catch (SerializationException e) {
            if (!(e.getCause() instanceof SchemaRegistryException registry && registry.isRetryable())) {
                throw e;
            }
            deferTo(Optional.empty(), "schema registry unavailable: " + registry.getMessage());
        }
        return null;
    }

    /** The leads of the contacts the next webhook changes name. */
    private List<SourceRecord> fromWebhooks() throws UnavailableException {
        ContactChangeFeed.Batch batch = feed.next(search);
        List<SourceRecord> out = new ArrayList<>();
        int skipped = 0;
        for (ContactChangeFeed.ReadContact read : batch.contacts()) {
            if (guard.isOwnWrite(read.contact())) {
                skipped++;
            } else {
                out.add(records.of(read.contact(), read.partition(), read.offset()));
            }
        }
        feed.done(batch);
        ownWrites.record(skipped);
        return out;
    }

    /** The leads of the next page of changes the search finds; the cursor moves once all became records. */
    private List<SourceRecord> fromSearch(long now) throws UnavailableException {
        if (now < notSearchBeforeMs) {
            return List.of();
        }
        ChangeCursor.Page page = cursor.next(now - config.search().settle().toMillis());
        lastSearchMs = now;
        List<SourceRecord> out = new ArrayList<>(page.contacts().size());
        int skipped = 0;
        for (CrmContact contact : page.contacts()) {
            if (guard.isOwnWrite(contact)) {
                skipped++;
            } else {
                out.add(records.of(contact));
            }
        }
        cursor.advance(page);
        ownWrites.record(skipped);
        if (page.contacts().isEmpty() && page.timeDone()) {
            // Caught up: search again after the poll interval (the webhook path goes on meanwhile).
            notSearchBeforeMs = now + config.search().pollInterval().toMillis();
            if (feed == null) {
                notBeforeMs = notSearchBeforeMs;
            }
        }
        return out;
    }

    private void deferTo(Optional<Duration> retryAfter, String why) {
        unavailable.record();
        failuresInARow++;
        Duration wait = retryAfter.orElseGet(() -> search.guard().backoff(failuresInARow));
        notBeforeMs = clock.millis() + wait.toMillis();
        LOG.warn("HubSpot source waits {} ms and asks again from {}: {}", wait.toMillis(), cursor.position(), why);
    }

    @Override
    public void stop() {
        if (records != null) {
            records.close();
        }
        if (feed != null) {
            feed.close();
        }
    }
}
