package io.clayflow.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.clayflow.schemas.EnrichedLead;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/clay/callback}: maps Clay's columns to an {@link EnrichedLead}, answers a replay of the last
 * published content for its {@code lead_id} with 200 and no publish, otherwise publishes keyed by {@code lead_id}
 * and answers 200 once Kafka acknowledged. Fields Clay sent in a form the gateway could not read are published empty,
 * named in {@code unreadable_fields}, and counted once the record is acknowledged.
 */
record CallbackHandler(PublishingRoute route, CallbackMapper mapper, ReplayCache replays, GatewayMetrics metrics)
        implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);

    CallbackHandler {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(replays, "replays");
        Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handle(RoutingContext ctx) {
        CallbackMapper.Mapped mapped = route.read(ctx, mapper::map);
        EnrichedLead lead = mapped.lead();
        String leadId = lead.getLeadId();
        String hash = contentHash(mapped);
        if (replays.isReplay(leadId, hash)) {
            metrics.replay();
            LOG.debug("Replayed callback for lead_id={} answered without a publish", leadId);
            PublishingRoute.answer(ctx, 200, new JsonObject().put("lead_id", leadId).put("status", "replay"));
            return;
        }
        route.publish(List.of(lead), EnrichedLead::getLeadId).onSuccess(acked -> {
            replays.published(leadId, hash);
            metrics.unreadable(lead.getUnreadableFields());
            RecordMetadata md = acked.get(0);
            // One line per callback, so DEBUG: at thousands a second INFO would flood the log (the metrics count them).
            if (LOG.isDebugEnabled()) {
                LOG.debug("Published callback lead_id={} email={} to {}-{}@{}", leadId,
                        Emails.mask(lead.getWorkEmail() != null ? lead.getWorkEmail() : lead.getEmail()),
                        md.topic(), md.partition(), md.offset());
            }
            JsonObject answer = new JsonObject().put("lead_id", leadId).put("status", "published");
            if (!lead.getUnreadableFields().isEmpty()) {
                answer.put("unreadable_fields", new JsonArray(List.copyOf(lead.getUnreadableFields())));
            }
            PublishingRoute.answer(ctx, 200, answer.put("topic", md.topic()).put("partition", md.partition())
                    .put("offset", md.offset()));
        }).onFailure(ctx::fail);
    }

    /**
     * A hash of the content: everything but the receive time (and occurred_at when the receive time stood in for it).
     * The record's maps are sorted, so equal content hashes equally.
     */
    static String contentHash(CallbackMapper.Mapped mapped) {
        EnrichedLead.Builder content = EnrichedLead.newBuilder(mapped.lead()).setEnrichedAt(Instant.EPOCH);
        if (mapped.occurredAtDefaulted()) {
            content.setOccurredAt(Instant.EPOCH);
        }
        try {
            // The record's Avro binary form (its single-object encoding): a tenth of the cost of its JSON-like text.
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(content.build().toByteBuffer());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a callback's content to hash it", e);
        }
    }
}
