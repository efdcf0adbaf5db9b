package io.clayflow.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's Prometheus metrics: requests by route, method and status with latency histograms, produce latency by
 * topic and outcome, requests and produces in flight, replays recognised, produce attempts, and callback fields
 * published unreadable, per field ({@code gateway_callback_unreadable_fields_total{field}}, every field at 0 from
 * the start so a dashboard's rate has a series before the first one).
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final Counter replays;
    private final Counter produceAttempts;
    private final Map<String, Counter> unreadableFields = new TreeMap<>();

    GatewayMetrics(Supplier<Number> producesInFlight) {
        Gauge.builder("gateway.http.requests.in.flight", requestsInFlight, AtomicInteger::get)
                .description("HTTP requests being handled").register(registry);
        Gauge.builder("gateway.produce.in.flight", producesInFlight)
                .description("Records sent to Kafka and not yet acknowledged or failed").register(registry);
        replays = Counter.builder("gateway.callback.replays")
                .description("Callbacks answered as replays, without a publish").register(registry);
        produceAttempts = Counter.builder("gateway.produce.attempts")
                .description("Records handed to the Kafka producer").register(registry);
        for (String field : ColumnMapping.FIELDS) {
            if (!field.equals("lead_id")) {
                unreadableFields.put(field, Counter.builder(UNREADABLE_FIELDS)
                        .description("Callbacks published with a field whose value could not be read as its type "
                                + "(the field left empty, the raw value kept in enrichment)")
                        .tag("field", field).register(registry));
            }
        }
    }

    /** The meter counting unreadable callback fields, tagged {@code field}. */
    static final String UNREADABLE_FIELDS = "gateway.callback.unreadable.fields";

    /** Counts one published callback's unreadable fields. */
    void unreadable(List<String> fields) {
        for (String field : fields) {
            Counter counter = unreadableFields.get(field);
            if (counter != null) {
                counter.increment();
            }
        }
    }

    /** Published callbacks whose {@code field} could not be read, since start. */
    public long unreadable(String field) {
        Counter counter = unreadableFields.get(field);
        return counter == null ? 0 : (long) counter.count();
    }

    AtomicInteger requestsInFlight() {
        return requestsInFlight;
    }

    void request(String route, String method, int status, Duration latency) {
        Timer.builder("gateway.http.requests").description("HTTP requests by route, method and status")
                .tags("route", route, "method", method, "status", String.valueOf(status))
                .publishPercentileHistogram().register(registry).record(latency);
    }

    void produce(String topic, boolean acknowledged, Duration latency) {
        Timer.builder("gateway.produce").description("From send to Kafka's ack or failure, per record")
                .tags("topic", topic, "outcome", acknowledged ? "acked" : "failed")
                .publishPercentileHistogram().register(registry).record(latency);
    }

    void replay() {
        replays.increment();
    }

    /** HubSpot webhook events by outcome: published, repeated (an event id seen before), refused (deliveries). */
    void hubspotWebhook(String outcome, int count) {
        if (count > 0) {
            Counter.builder("gateway.hubspot.webhook.events").description("HubSpot webhook events by outcome")
                    .tags("outcome", outcome).register(registry).increment(count);
        }
    }

    void produceAttempts(int records) {
        produceAttempts.increment(records);
    }

    /** Records handed to the producer since start: a refused request never adds to it. */
    public long produceAttempts() {
        return (long) produceAttempts.count();
    }

    /** Where other parts of the gateway register their meters (the status page's pipeline gauges). */
    MeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }
}
