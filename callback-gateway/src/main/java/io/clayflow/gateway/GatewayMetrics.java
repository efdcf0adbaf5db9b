package io.clayflow.gateway;

import java.time.Duration;
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
 * topic and outcome, requests and produces in flight, replays recognised, produce attempts.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final Counter replays;
    private final Counter produceAttempts;

    GatewayMetrics(Supplier<Number> producesInFlight) {
        Gauge.builder("gateway.http.requests.in.flight", requestsInFlight, AtomicInteger::get)
                .description("HTTP requests being handled").register(registry);
        Gauge.builder("gateway.produce.in.flight", producesInFlight)
                .description("Records sent to Kafka and not yet acknowledged or failed").register(registry);
        replays = Counter.builder("gateway.callback.replays")
                .description("Callbacks answered as replays, without a publish").register(registry);
        produceAttempts = Counter.builder("gateway.produce.attempts")
                .description("Records handed to the Kafka producer").register(registry);
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
