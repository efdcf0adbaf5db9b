package io.clayflow.fakes.outreach;

import io.clayflow.fakes.FakeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the Outreach simulator serves: where it listens, the OAuth tokens it accepts (one user each), the sequences and
 * mailboxes that exist, the per-user request limit and its window, email domains the org excludes, and faults.
 */
public record OutreachConfig(String host, int port, Set<String> tokens, Set<Long> sequenceIds, Set<Long> mailboxIds,
                             int requestsPerWindow, Duration window, Set<String> excludedDomains,
                             OutreachFaults faults, long seed) {

    /** Outreach's documented limit: 10,000 requests per hour per user. */
    public static final int DEFAULT_REQUESTS_PER_HOUR = 10_000;
    /** The token it accepts unless told otherwise. */
    public static final String DEFAULT_TOKEN = "outreach-token";

    public OutreachConfig {
        FakeConfigBuilder.checkAddress(host, port);
        tokens = FakeConfigBuilder.checkTokens(tokens);
        sequenceIds = Set.copyOf(sequenceIds);
        mailboxIds = Set.copyOf(mailboxIds);
        excludedDomains = Set.copyOf(excludedDomains);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(faults, "faults");
        if (requestsPerWindow < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("the rate limit needs >= 1 request per positive window");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 127.0.0.1 on a free port, token {@code outreach-token}, sequence 1, mailbox 1, 10,000 per hour. */
    public static final class Builder extends FakeConfigBuilder<Builder, OutreachFaults, OutreachConfig> {
        private final Set<String> tokens = new LinkedHashSet<>();
        private final Set<Long> sequenceIds = new LinkedHashSet<>();
        private final Set<Long> mailboxIds = new LinkedHashSet<>();
        private int requestsPerWindow = DEFAULT_REQUESTS_PER_HOUR;
        private Duration window = Duration.ofHours(1);
        private final Set<String> excludedDomains = new LinkedHashSet<>();

        public Builder() {
            super(0, OutreachFaults.none());
        }

        public Builder token(String value) {
            tokens.add(Objects.requireNonNull(value, "token"));
            return this;
        }

        public Builder sequence(long id) {
            sequenceIds.add(id);
            return this;
        }

        public Builder mailbox(long id) {
            mailboxIds.add(id);
            return this;
        }

        /** The per-user limit: {@code requests} in each {@code window} (Outreach: 10,000 per hour). */
        public Builder rateLimit(int requests, Duration perWindow) {
            requestsPerWindow = requests;
            window = Objects.requireNonNull(perWindow, "perWindow");
            return this;
        }

        /** An email domain the org excludes: prospects with an address there are refused. */
        public Builder excludedDomain(String domain) {
            excludedDomains.add(domain.toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        @Override
        protected OutreachConfig build(String host, int port, long seed, OutreachFaults faults) {
            return new OutreachConfig(host, port, tokens.isEmpty() ? Set.of(DEFAULT_TOKEN) : tokens,
                    sequenceIds.isEmpty() ? Set.of(1L) : sequenceIds, mailboxIds.isEmpty() ? Set.of(1L) : mailboxIds,
                    requestsPerWindow, window, excludedDomains, faults, seed);
        }
    }

    @Override
    public String toString() {
        return "OutreachConfig[host=" + host + ", port=" + port + ", tokens=" + tokens.size() + " [hidden]"
                + ", sequences=" + sequenceIds + ", mailboxes=" + mailboxIds + ", rateLimit=" + requestsPerWindow
                + " per " + window + ", excludedDomains=" + excludedDomains + ", faults=" + faults + "]";
    }
}
