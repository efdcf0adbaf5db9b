package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookQuotaTest {

    private static final URI FIRST = URI.create("https://api.clay.com/v3/sources/webhook/first");
    private static final URI SECOND = URI.create("https://api.clay.com/v3/sources/webhook/second");

    private final InMemoryStateStore store = new InMemoryStateStore();

    @Test
    void movesToTheNextWebhookBeforeTheCapIsReached() {
        WebhookQuota quota = quota(List.of(FIRST, SECOND), 100, 0.8);

        quota.recordSubmitted(FIRST, 95);

        assertThat(quota.webhookFor(5)).contains(FIRST);
        assertThat(quota.webhookFor(6)).as("a batch of 6 would pass the cap").contains(SECOND);
    }

    @Test
    void offersNothingWhenEveryWebhookIsSpent() {
        WebhookQuota quota = quota(List.of(FIRST, SECOND), 10, 0.8);

        quota.recordSubmitted(FIRST, 10);
        quota.markSpent(SECOND);

        assertThat(quota.webhookFor(1)).isEmpty();
    }

    @Test
    void countsSurviveARestartThroughTheStore() {
        quota(List.of(FIRST, SECOND), 100, 0.8).recordSubmitted(FIRST, 42);

        WebhookQuota restarted = quota(List.of(FIRST, SECOND), 100, 0.8);

        assertThat(restarted.used(FIRST)).isEqualTo(42);
        assertThat(restarted.used(SECOND)).isZero();
    }

    @Test
    void neverStoresTheWebhookUrlItself() {
        quota(List.of(FIRST), 100, 0.8).recordSubmitted(FIRST, 1);

        assertThat(store.entries.keySet()).singleElement().asString().hasSize(64).doesNotContain("clay");
    }

    @Test
    void addingAWebhookGivesRoomAgain() {
        quota(List.of(FIRST), 10, 0.8).recordSubmitted(FIRST, 10);

        WebhookQuota withAnother = quota(List.of(FIRST, SECOND), 10, 0.8);

        assertThat(withAnother.webhookFor(10)).contains(SECOND);
    }

    @Test
    void ignoresOtherEntriesOfTheStore() {
        store.entries.put("progress/clay-sink/leads.clay.outbox/0", "120@abc");

        WebhookQuota quota = quota(List.of(FIRST), 100, 0.8);

        assertThat(quota.used(FIRST)).isZero();
    }

    private WebhookQuota quota(List<URI> webhooks, long limit, double warnRatio) {
        return new WebhookQuota(webhooks, limit, warnRatio, store, store.load());
    }
}
