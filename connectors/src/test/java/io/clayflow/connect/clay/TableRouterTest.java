package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TableRouterTest {

    private static final URI A1 = URI.create("https://a.example/1");
    private static final URI B1 = URI.create("https://b.example/1");
    private static final URI B2 = URI.create("https://b.example/2");

    private final InMemoryStateStore store = new InMemoryStateStore();

    @Test
    void fillsTheFirstTableToItsCapThenMovesOnWithoutPassingIt() {
        ClayTableConfig a = table("a", 300, RequestFormat.ARRAY, A1);
        ClayTableConfig b = table("b", 300, RequestFormat.ARRAY, B1);
        Routing routing = routing(List.of(a, b), 50_000);

        routing.rows.recordTaken(a, 295);
        TableRouter.Target next = routing.router.next(10, 10).orElseThrow();

        assertThat(next.table()).isEqualTo(a);
        assertThat(next.maxRows()).as("the 5 rows table a has room for, not 10").isEqualTo(5);
        routing.rows.recordTaken(a, 5);
        assertThat(routing.router.next(10, 10)).get().satisfies(target -> {
            assertThat(target.table()).isEqualTo(b);
            assertThat(target.maxRows()).isEqualTo(10);
        });
        routing.rows.recordTaken(b, 300);
        assertThat(routing.router.next(1, 10)).isEmpty();
        assertThat(routing.router.available()).isZero();
        assertThat(routing.router.whyNoRoom()).contains("a full (300 of 300 rows)", "b full (300 of 300 rows)");
    }

    @Test
    void theObjectFormatCarriesOneRowPerRequest() {
        Routing routing = routing(List.of(table("a", 300, RequestFormat.OBJECT, A1)), 50_000);

        assertThat(routing.router.next(10, 10)).get().extracting(TableRouter.Target::maxRows).isEqualTo(1);
    }

    @Test
    void withinATableMovesToTheNextWebhookBeforeOneIsSpent() {
        ClayTableConfig b = table("b", 0, RequestFormat.ARRAY, B1, B2);
        Routing routing = routing(List.of(b), 100);

        routing.quota.recordSubmitted(B1, 97);

        assertThat(routing.router.next(10, 10)).get().satisfies(target -> {
            assertThat(target.webhook()).isEqualTo(B1);
            assertThat(target.maxRows()).isEqualTo(3);
        });
        routing.quota.recordSubmitted(B1, 3);
        assertThat(routing.router.next(10, 10)).get().extracting(TableRouter.Target::webhook).isEqualTo(B2);
        routing.quota.recordSubmitted(B2, 100);
        assertThat(routing.router.next(1, 10)).isEmpty();
        assertThat(routing.router.whyNoRoom()).contains("b webhooks spent");
    }

    @Test
    void aPassthroughTableNeverFills() {
        ClayTableConfig b = table("b", 0, RequestFormat.OBJECT, B1);
        Routing routing = routing(List.of(b), 50_000);

        routing.rows.recordTaken(b, 1_000_000);

        assertThat(routing.router.next(1, 10)).get().extracting(TableRouter.Target::table).isEqualTo(b);
    }

    @Test
    void countsSurviveARestartAndATableFirstSeenStartsAtItsWebhooksSubmissions() {
        ClayTableConfig a = table("a", 300, RequestFormat.OBJECT, A1);
        Routing before = routing(List.of(a), 50_000);
        before.quota.recordSubmitted(A1, 120);
        before.rows.recordTaken(a, 120);
        ClayTableConfig b = table("b", 300, RequestFormat.OBJECT, B1);
        store.save(Map.of(WebhookQuota.key(B1), "40"));

        Routing after = routing(List.of(a, b), 50_000);

        assertThat(after.rows.rows(a)).isEqualTo(120);
        assertThat(after.rows.rows(b)).as("what its webhook took before tables were named").isEqualTo(40);
    }

    private record Routing(TableRouter router, TableRows rows, WebhookQuota quota) {
    }

    private Routing routing(List<ClayTableConfig> tables, long submissionLimit) {
        List<URI> webhooks = tables.stream().flatMap(t -> t.webhooks().stream()).toList();
        WebhookQuota quota = new WebhookQuota(webhooks, submissionLimit, 0.8, store, store.load());
        TableRows rows = new TableRows("clay-sink", tables, store, store.load(), quota);
        return new Routing(new TableRouter(tables, rows, quota), rows, quota);
    }

    /** A table; a cap of 0 makes it a passthrough table. */
    static ClayTableConfig table(String name, long cap, RequestFormat format, URI... webhooks) {
        return new ClayTableConfig(name, List.of(webhooks), Optional.empty(),
                cap == 0 ? OptionalLong.empty() : OptionalLong.of(cap), format, Optional.empty());
    }
}
