package io.clayflow.gateway;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.clayflow.schemas.Lead;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/leads}: one lead or a bounded array, produced to {@code leads.raw} (keyed by {@code lead_id} when
 * given); 202 once Kafka acknowledged every lead of the request.
 */
record LeadsHandler(PublishingRoute route, LeadMapper mapper) implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(LeadsHandler.class);

    LeadsHandler {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<Lead> leads = route.read(ctx, mapper::map);
        route.publish(leads, Lead::getLeadId).onSuccess(acked -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < acked.size(); i++) {
                out.add(new JsonObject().put("lead_id", leads.get(i).getLeadId())
                        .put("partition", acked.get(i).partition()).put("offset", acked.get(i).offset()));
            }
            // One line per request, so DEBUG, like the callbacks' (the metrics count them).
            LOG.debug("Published {} lead(s) to {}, first email={}", leads.size(), route.topic(),
                    Emails.mask(leads.get(0).getEmail()));
            PublishingRoute.answer(ctx, 202, new JsonObject().put("accepted", leads.size()).put("topic", route.topic())
                    .put("records", out));
        }).onFailure(ctx::fail);
    }
}
