package io.clayflow.fakes.clay;

import io.clayflow.fakes.FakeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link ClaySimulator} needs: where it listens, the workspace's limits, its webhooks, how it enriches
 * and calls back, and the faults it starts with. Build one with {@link #builder()}; the app loads one through
 * {@link SimulatorConfigLoader} (defaults, a file, {@code CLAYFLOW_SIMULATOR_*} variables).
 *
 * @param host                 interface to bind
 * @param port                 port to bind; 0 picks a free one ({@link ClaySimulator#port()} tells which)
 * @param seed                 seeds the fault draws and salts the enrichment hash: same seed, same run
 * @param ratePerSecond        the workspace's sustained webhook rate, in rows per second (Clay: about 10)
 * @param burst                the workspace's burst, in rows (Clay: about 20)
 * @param maxBodyBytes         largest webhook body accepted (Clay: under 100 KB; 100,000 bytes, the stricter reading)
 * @param tableDedupe          tables auto-dedupe on {@code lead_id}, dropping rows whose id they already hold
 * @param webhooks             the webhooks present at start; more can be added at run time
 * @param enrichmentDelay      from a row being added to its enrichment finishing and its callback being sent
 * @param callback             the HTTP API column's target
 * @param faults               the faults in force at start
 * @param arrayMode            what a webhook does with a JSON array body (Clay does not document it)
 * @param creditsExhausted     the workspace starts out of credits: every webhook request is answered 402 until
 *                             {@link ClaySimulator#setCreditsExhausted} says otherwise
 */
public record SimulatorConfig(String host, int port, long seed, double ratePerSecond, int burst, int maxBodyBytes,
                              boolean tableDedupe, List<WebhookConfig> webhooks, Duration enrichmentDelay,
                              CallbackConfig callback, Faults faults, ArrayMode arrayMode, boolean creditsExhausted) {

    public static final String DEFAULT_HOST = FakeConfigBuilder.DEFAULT_HOST;
    public static final int DEFAULT_PORT = 8090;
    public static final long DEFAULT_SEED = FakeConfigBuilder.DEFAULT_SEED;
    public static final double DEFAULT_RATE_PER_SECOND = 10.0;
    public static final int DEFAULT_BURST = 20;
    public static final int DEFAULT_MAX_BODY_BYTES = 100_000;
    public static final Duration DEFAULT_ENRICHMENT_DELAY = Duration.ofMillis(200);

    public SimulatorConfig {
        FakeConfigBuilder.checkAddress(host, port);
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(enrichmentDelay, "enrichmentDelay");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(arrayMode, "arrayMode");
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate per second must be > 0, got " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body bytes must be >= 1, got " + maxBodyBytes);
        }
        if (enrichmentDelay.isNegative()) {
            throw new IllegalArgumentException("enrichment delay must be >= 0, got " + enrichmentDelay);
        }
        webhooks = List.copyOf(webhooks);
        Set<String> ids = new HashSet<>();
        for (WebhookConfig webhook : webhooks) {
            if (!ids.add(webhook.id())) {
                throw new IllegalArgumentException("webhook id '" + webhook.id() + "' is configured twice");
            }
        }
    }

    /** Defaults: loopback, port 8090, Clay's limits, no webhooks, 200 ms enrichment, no callback, no faults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        Builder builder = new Builder().host(host).port(port).seed(seed).rateLimit(ratePerSecond, burst)
                .maxBodyBytes(maxBodyBytes).tableDedupe(tableDedupe).enrichmentDelay(enrichmentDelay)
                .callback(callback).faults(faults).arrayMode(arrayMode).creditsExhausted(creditsExhausted);
        webhooks.forEach(builder::webhook);
        return builder;
    }

    /** Builds a {@link SimulatorConfig}; each setter replaces the default it names. */
    public static final class Builder extends FakeConfigBuilder<Builder, Faults, SimulatorConfig> {
        private double ratePerSecond = DEFAULT_RATE_PER_SECOND;
        private int burst = DEFAULT_BURST;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean tableDedupe = true;
        private final List<WebhookConfig> webhooks = new ArrayList<>();
        private Duration enrichmentDelay = DEFAULT_ENRICHMENT_DELAY;
        private CallbackConfig callback = CallbackConfig.none();
        private ArrayMode arrayMode = ArrayMode.SPLIT;
        private boolean creditsExhausted;

        private Builder() {
            super(DEFAULT_PORT, Faults.none());
        }

        /** The workspace's token bucket: {@code ratePerSecond} rows per second, at most {@code burst} at once. */
        public Builder rateLimit(double ratePerSecond, int burst) {
            this.ratePerSecond = ratePerSecond;
            this.burst = burst;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder tableDedupe(boolean value) {
            this.tableDedupe = value;
            return this;
        }

        public Builder webhook(WebhookConfig value) {
            this.webhooks.add(Objects.requireNonNull(value, "webhook"));
            return this;
        }

        /** An open webhook with Clay's default caps. */
        public Builder webhook(String id) {
            return webhook(WebhookConfig.of(id));
        }

        public Builder enrichmentDelay(Duration value) {
            this.enrichmentDelay = Objects.requireNonNull(value, "enrichmentDelay");
            return this;
        }

        public Builder callback(CallbackConfig value) {
            this.callback = Objects.requireNonNull(value, "callback");
            return this;
        }

        /** Callbacks to {@code url} with {@code token}, default timeout and retries. */
        public Builder callback(String url, String token) {
            return callback(CallbackConfig.to(url, token));
        }

        /** What a webhook does with a JSON array: split it into rows (the default), refuse it, or take it as one row. */
        public Builder arrayMode(ArrayMode value) {
            this.arrayMode = Objects.requireNonNull(value, "arrayMode");
            return this;
        }

        /** The workspace starts out of credits (402 on every webhook request). */
        public Builder creditsExhausted(boolean value) {
            this.creditsExhausted = value;
            return this;
        }

        @Override
        protected SimulatorConfig build(String host, int port, long seed, Faults faults) {
            return new SimulatorConfig(host, port, seed, ratePerSecond, burst, maxBodyBytes, tableDedupe, webhooks,
                    enrichmentDelay, callback, faults, arrayMode, creditsExhausted);
        }
    }
}
