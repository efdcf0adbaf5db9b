package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /crm/v3/objects/contacts/search}: the {@link ApiGate} (with the search endpoints' per-second limit),
 * 400 for a query HubSpot refuses ({@link SearchQuery}), then {@code {total, results, paging.next.after}} of the
 * matching contacts in the query's order, {@code limit} at a time from the {@code after} offset.
 */
final class SearchHandler extends ContactEndpoint {

    static final String PATH = "/crm/v3/objects/contacts/search";
    static final long BODY_LIMIT = 1_000_000;

    SearchHandler(ContactApi api) {
        super(api, true);
    }

    @Override
    void serve(RoutingContext ctx) {
        SearchQuery query = SearchQuery.parse(ctx.body().buffer(), api.config().properties());
        if (query.refusal() != null) {
            api.gate().answer(ctx, 400, HubSpotErrors.validation(query.refusal()));
            return;
        }
        api.counters().search();
        List<HubSpotContact> matching = api.store().all().stream().filter(query::matches).sorted(query.order()).toList();
        JsonArray results = new JsonArray();
        int end = Math.min(matching.size(), query.after() + query.limit());
        for (int i = query.after(); i < end; i++) {
            results.add(ContactJson.of(matching.get(i), query.properties()));
        }
        JsonObject body = new JsonObject().put("total", matching.size()).put("results", results);
        if (end < matching.size()) {
            body.put("paging", new JsonObject().put("next", new JsonObject().put("after", String.valueOf(end))));
        }
        api.gate().answer(ctx, 200, body);
    }
}
