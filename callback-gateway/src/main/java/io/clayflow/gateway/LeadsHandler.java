package io.clayflow.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
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
final class LeadsHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(LeadsHandler.class);

    private final StrictJson json;
    private final LeadMapper mapper;
    private final KafkaPublisher publisher;
    private final String topic;
    private final Clock clock;

    LeadsHandler(StrictJson json, LeadMapper mapper, KafkaPublisher publisher, String topic, Clock clock) {
        this.json = Objects.requireNonNull(json, "json");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<Lead> leads = mapper.map(json.parse(ctx), Instant.now(clock));
        List<ProducerRecord<String, Object>> records = new ArrayList<>(leads.size());
        leads.forEach(lead -> records.add(new ProducerRecord<>(topic, lead.getLeadId(), lead)));
        publisher.publish(records).onSuccess(acked -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < acked.size(); i++) {
                out.add(new JsonObject().put("lead_id", leads.get(i).getLeadId())
                        .put("partition", acked.get(i).partition()).put("offset", acked.get(i).offset()));
            }
            // One line per request, so DEBUG, like the callbacks' (the metrics count them).
            LOG.debug("Published {} lead(s) to {}, first email={}", leads.size(), topic,
                    Emails.mask(leads.get(0).getEmail()));
            ErrorResponder.reply(ctx, 202, Map.of(), new JsonObject().put("accepted", leads.size()).put("topic", topic)
                    .put("records", out));
        }).onFailure(ctx::fail);
    }
}
