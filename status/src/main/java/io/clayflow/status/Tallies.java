package io.clayflow.status;

import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.Topics;
import io.clayflow.status.cost.CostLedger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What the tailed topics' records add up to so far: records per topic, and for the topics whose records say more,
 * the dead letters, the throttle's figures, the webhooks' submissions, the replay log's entries, the cost ledger
 * and the warehouse's unrouted leads (its records whose route header names the warehouse alone).
 */
final class Tallies {

    private final PipelineTopics topics;
    private final Set<String> tailed;
    private final Map<String, Long> records = new HashMap<>();
    private final DeadLetterTally deadLetters = new DeadLetterTally();
    private final ThrottleFigures throttle = new ThrottleFigures();
    private final WebhookSubmissions webhooks = new WebhookSubmissions();
    private final ClaySinkPauses pauses = new ClaySinkPauses();
    private final Set<String> replays = new TreeSet<>();
    private long unrouted;
    private final CostLedger costs = new CostLedger();

    Tallies(PipelineTopics topics, Set<String> tailed) {
        this.topics = topics;
        this.tailed = Set.copyOf(tailed);
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        records.merge(topic, 1L, Long::sum);
        if (topic.equals(topics.dlq())) {
            deadLetters.add(record.headers());
        } else if (topic.equals(topics.throttleChangelog())) {
            throttle.add(record.key(), record.value());
        } else if (topics.claySinkState().contains(topic)) {
            webhooks.add(topic, record.key(), record.value());
            pauses.add(record.key(), record.value());
        } else if (topic.equals(Topics.LEADS_ROUTE_WAREHOUSE)) {
            Header routes = record.headers().lastHeader(RouteHeaders.ROUTES);
            if (routes != null && RouteHeaders.WAREHOUSE_ONLY.equals(new String(routes.value(),
                    StandardCharsets.UTF_8))) {
                unrouted++;
            }
        } else if (topic.equals(Topics.COST_EVENTS)) {
            costs.add(record.value());
        } else if (topic.equals(topics.replayLog()) && record.key() != null) {
            String address = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                replays.remove(address);
            } else {
                replays.add(address);
            }
        }
    }

    /** The topics these tallies cover. */
    Set<String> tailed() {
        return tailed;
    }

    /** Records on {@code topic}, or null when it is not tailed (it does not exist). */
    Long records(String topic) {
        return tailed.contains(topic) ? records.getOrDefault(topic, 0L) : null;
    }

    /** Records per route, by route name. */
    Map<String, Long> routed() {
        Map<String, Long> routed = new TreeMap<>();
        tailed.stream().filter(PipelineTopics::isRoute)
                .forEach(topic -> routed.put(PipelineTopics.routeName(topic), records(topic)));
        return routed;
    }

    /** Leads that reached the warehouse and no other route, or null when the warehouse route is not tailed. */
    Long unrouted() {
        return tailed.contains(Topics.LEADS_ROUTE_WAREHOUSE) ? unrouted : null;
    }

    DeadLetterTally deadLetters() {
        return deadLetters;
    }

    /** Invalid leads (dead letters before dedupe), or null without a dead-letter topic. */
    Long invalid() {
        return tailed.contains(topics.dlq()) ? deadLetters.invalid() : null;
    }

    ThrottleFigures throttle() {
        return throttle;
    }

    boolean throttleChangelogTailed() {
        return tailed.contains(topics.throttleChangelog());
    }

    Map<String, Long> webhookSubmissions() {
        return webhooks.perWebhook();
    }

    /** Why each paused Clay sink connector is not sending. */
    Map<String, String> claySinkPauses() {
        return pauses.byConnector();
    }

    /** The cost ledger's events read so far, or null when the ledger topic does not exist. */
    CostLedger costs() {
        return tailed.contains(Topics.COST_EVENTS) ? costs : null;
    }

    /** Entries in the replay log, or null when it does not exist. */
    Long replayed() {
        return tailed.contains(topics.replayLog()) ? (long) replays.size() : null;
    }
}
