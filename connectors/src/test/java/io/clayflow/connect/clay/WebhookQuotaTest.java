package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookQuotaTest {

    private static final URI FIRST = URI.create("https://api.clay.com/v3/sources/webhook/first");
    private static final URI SECOND = URI.create("https://api.clay.com/v3/sources/webhook/second");

    private final InMemoryStore store = new InMemoryStore();

    @Test
    void movesToTheNextWebhookBeforeTheCapIsReached() {
        WebhookQuota quota = new WebhookQuota(List.of(FIRST, SECOND), 100, 0.8, store);

        quota.recordSubmitted(FIRST, 95);

        assertThat(quota.webhookFor(5)).contains(FIRST);
        assertThat(quota.webhookFor(6)).as("a batch of 6 would pass the cap").contains(SECOND);
    }

    @Test
    void offersNothingWhenEveryWebhookIsSpent() {
        WebhookQuota quota = new WebhookQuota(List.of(FIRST, SECOND), 10, 0.8, store);

        quota.recordSubmitted(FIRST, 10);
        quota.markSpent(SECOND);

        assertThat(quota.webhookFor(1)).isEmpty();
    }

    @Test
    void countsSurviveARestartThroughTheStore() {
        new WebhookQuota(List.of(FIRST, SECOND), 100, 0.8, store).recordSubmitted(FIRST, 42);

        WebhookQuota restarted = new WebhookQuota(List.of(FIRST, SECOND), 100, 0.8, store);

        assertThat(restarted.used(FIRST)).isEqualTo(42);
        assertThat(restarted.used(SECOND)).isZero();
    }

    @Test
    void neverStoresTheWebhookUrlItself() {
        new WebhookQuota(List.of(FIRST), 100, 0.8, store).recordSubmitted(FIRST, 1);

        assertThat(store.counts.keySet()).singleElement().asString().hasSize(64).doesNotContain("clay");
    }

    @Test
    void addingAWebhookGivesRoomAgain() {
        new WebhookQuota(List.of(FIRST), 10, 0.8, store).recordSubmitted(FIRST, 10);

        WebhookQuota withAnother = new WebhookQuota(List.of(FIRST, SECOND), 10, 0.8, store);

        assertThat(withAnother.webhookFor(10)).contains(SECOND);
    }

    static final class InMemoryStore implements QuotaStore {
        final Map<String, Long> counts = new HashMap<>();

        @Override
        public Map<String, Long> load() {
            return Map.copyOf(counts);
        }

        @Override
        public void save(String webhookKey, long submissions) {
            counts.put(webhookKey, submissions);
        }

        @Override
        public void close() {
        }
    }
}
