package io.clayflow.fakes.hubspot;

import io.clayflow.fakes.FakeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the HubSpot fake: where it listens, the private-app tokens it accepts, HubSpot's limits and the contact
 * property schema it knows. Build one with {@link #builder()}; the defaults are HubSpot's (paid tier).
 *
 * @param properties      contact property names the portal has; any other property in an input is refused with
 *                        {@code PROPERTY_DOESNT_EXIST}, as HubSpot does
 * @param searchPerSecond search requests per second per portal (HubSpot: 5), on top of the general limit
 */
public record HubSpotConfig(String host, int port, Set<String> tokens, int rateLimitMax, Duration rateLimitInterval,
                            long dailyLimit, int maxInputs, int maxValueLength, Set<String> properties,
                            HubSpotFaults faults, long seed, int searchPerSecond) {

    /** The port the local stack gives the HubSpot fake. */
    public static final int DEFAULT_PORT = 8091;
    /** The token the local stack uses unless told otherwise. */
    public static final String DEFAULT_TOKEN = "pat-local-clayflow";
    /** HubSpot's burst limit on paid tiers: 190 requests per rolling 10 seconds. */
    public static final int DEFAULT_RATE_LIMIT_MAX = 190;
    public static final Duration DEFAULT_RATE_LIMIT_INTERVAL = Duration.ofSeconds(10);
    public static final long DEFAULT_DAILY_LIMIT = 1_000_000;
    public static final int DEFAULT_MAX_INPUTS = 100;
    /** HubSpot refuses string property values longer than this. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 65_536;
    /** HubSpot's CRM search endpoints take 5 requests per second per portal. */
    public static final int DEFAULT_SEARCH_PER_SECOND = 5;

    /** HubSpot's default contact properties a lead sink uses, plus clayflow's custom ones. */
    public static final Set<String> DEFAULT_PROPERTIES = Set.of("email", "firstname", "lastname", "company",
            "jobtitle", "phone", "mobilephone", "website", "country", "state", "city", "industry", "lifecyclestage",
            "hs_lead_status", "numemployees", "annualrevenue", "seniority", "hs_linkedin_url", "clayflow_lead_id",
            "clayflow_icp_score", "clayflow_seniority", "clayflow_company_size", "clayflow_source",
            "clayflow_enriched_at");

    public HubSpotConfig {
        FakeConfigBuilder.checkAddress(host, port);
        tokens = FakeConfigBuilder.checkTokens(tokens);
        properties = Set.copyOf(properties);
        Objects.requireNonNull(rateLimitInterval, "rateLimitInterval");
        Objects.requireNonNull(faults, "faults");
        if (rateLimitMax < 1 || rateLimitInterval.isZero() || rateLimitInterval.isNegative() || dailyLimit < 1
                || maxInputs < 1 || maxValueLength < 1 || searchPerSecond < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!properties.contains("email")) {
            throw new IllegalArgumentException("the property schema must contain email");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction with HubSpot's defaults. */
    public static final class Builder extends FakeConfigBuilder<Builder, HubSpotFaults, HubSpotConfig> {

        private final Set<String> tokens = new LinkedHashSet<>(Set.of(DEFAULT_TOKEN));
        private int rateLimitMax = DEFAULT_RATE_LIMIT_MAX;
        private Duration rateLimitInterval = DEFAULT_RATE_LIMIT_INTERVAL;
        private long dailyLimit = DEFAULT_DAILY_LIMIT;
        private int maxInputs = DEFAULT_MAX_INPUTS;
        private int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
        private final Set<String> properties = new LinkedHashSet<>(DEFAULT_PROPERTIES);
        private int searchPerSecond = DEFAULT_SEARCH_PER_SECOND;

        private Builder() {
            super(DEFAULT_PORT, HubSpotFaults.none());
        }

        /** Replaces the accepted private-app tokens with this one. */
        public Builder token(String token) {
            tokens.clear();
            tokens.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        /** At most {@code max} requests per rolling {@code interval} (HubSpot: 190 per 10 s). */
        public Builder rateLimit(int max, Duration interval) {
            this.rateLimitMax = max;
            this.rateLimitInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder dailyLimit(long dailyLimit) {
            this.dailyLimit = dailyLimit;
            return this;
        }

        public Builder maxInputs(int maxInputs) {
            this.maxInputs = maxInputs;
            return this;
        }

        public Builder maxValueLength(int maxValueLength) {
            this.maxValueLength = maxValueLength;
            return this;
        }

        /** Adds custom contact properties to the portal's schema. */
        public Builder property(String... names) {
            properties.addAll(Set.of(names));
            return this;
        }

        /** Replaces the schema: only these properties (and email) exist. */
        public Builder properties(Set<String> names) {
            properties.clear();
            properties.add("email");
            properties.addAll(names);
            return this;
        }

        /** Search requests per second (HubSpot: 5); a sixth in the same second gets 429 {@code SECONDLY}. */
        public Builder searchPerSecond(int searchPerSecond) {
            this.searchPerSecond = searchPerSecond;
            return this;
        }

        @Override
        protected HubSpotConfig build(String host, int port, long seed, HubSpotFaults faults) {
            return new HubSpotConfig(host, port, tokens, rateLimitMax, rateLimitInterval, dailyLimit, maxInputs,
                    maxValueLength, properties, faults, seed, searchPerSecond);
        }
    }

    @Override
    public String toString() {
        return "HubSpotConfig[host=" + host + ", port=" + port + ", tokens=[hidden], rateLimit=" + rateLimitMax + "/"
                + rateLimitInterval.toMillis() + "ms, dailyLimit=" + dailyLimit + ", maxInputs=" + maxInputs
                + ", searchPerSecond=" + searchPerSecond + ", properties=" + properties.size() + ", faults=" + faults
                + "]";
    }
}
