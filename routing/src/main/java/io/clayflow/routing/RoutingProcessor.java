package io.clayflow.routing;

import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DecodeFailure;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes each {@code leads.enriched} record, evaluates the rules, and forwards the lead, keyed by its
 * {@code lead_id}, to the sink of every route they select, with a {@link RouteHeaders#ROUTES} header naming them all
 * (so a lead that reached only the warehouse, counted here as unrouted, can be counted from the topic too). Decoding happens here rather than in the source's serde
 * so that every refusal (bad bytes, a tombstone, no lead_id, a failing rule) is one {@link LeadRoutingException},
 * dead-lettered by the app's processing handler with the original bytes, and counted.
 */
final class RoutingProcessor implements Processor<String, byte[], String, GenericRecord> {

    static final String VALUE_MISSING = "value.missing";
    static final String LEAD_ID_MISSING = "lead_id.missing";
    static final String RULE_FAILED = "rule.failed";

    private static final String LEAD_ID = "lead_id";
    private static final Set<Route> WAREHOUSE_ONLY = EnumSet.of(Route.WAREHOUSE);

    private final RouteRules rules;
    private final Deserializer<GenericRecord> decoder;
    private final Map<Route, String> sinks;
    private ProcessorContext<String, GenericRecord> context;
    private RoutingMetrics metrics;

    /**
     * @param decoder reads the Confluent wire format with the writer's own schema, so no field is lost on the way
     * @param sinks the child node each route forwards to
     */
    RoutingProcessor(RouteRules rules, Deserializer<GenericRecord> decoder, Map<Route, String> sinks) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.sinks = Map.copyOf(sinks);
    }

    @Override
    public void init(ProcessorContext<String, GenericRecord> context) {
        this.context = context;
        this.metrics = new RoutingMetrics(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        GenericRecord lead = decode(record);
        Object leadId = lead.getSchema().getField(LEAD_ID) == null ? null : lead.get(LEAD_ID);
        if (leadId == null || leadId.toString().isBlank()) {
            throw refuse(Stage.ROUTING_ROUTE.wireName(), LEAD_ID_MISSING, "The lead has no lead_id to key it by", null);
        }
        Set<Route> routes;
        try {
            routes = rules.select(lead);
        } catch (RuleEvaluationException e) {
            throw refuse(Stage.ROUTING_ROUTE.wireName(), RULE_FAILED, e.getMessage(), e);
        }
        if (routes.isEmpty()) {
            metrics.unmatched();
            return;
        }
        if (routes.equals(WAREHOUSE_ONLY)) {
            metrics.unrouted();
        }
        Record<String, GenericRecord> routed = record.withKey(leadId.toString()).withValue(lead)
                .withHeaders(withRoutes(record.headers(), routes));
        for (Route route : routes) {
            context.forward(routed, sinks.get(route));
            metrics.routed(route);
        }
    }

    /** The input's headers, and {@link RouteHeaders#ROUTES} naming every route the lead goes to (replacing any). */
    static Headers withRoutes(Headers input, Set<Route> routes) {
        Headers headers = new RecordHeaders(input.toArray());
        headers.remove(RouteHeaders.ROUTES);
        String names = routes.stream().sorted().map(Route::ruleName).collect(Collectors.joining(","));
        return headers.add(RouteHeaders.ROUTES, names.getBytes(StandardCharsets.UTF_8));
    }

    private GenericRecord decode(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw refuse(Stage.ROUTING_DECODE.wireName(),
                    VALUE_MISSING, "A tombstone (null value) is not a lead", null);
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.LEADS_ENRICHED);
        try {
            GenericRecord lead = decoder.deserialize(topic, record.value());
            if (lead == null) {
                throw refuse(Stage.ROUTING_DECODE.wireName(), VALUE_MISSING, "The record decodes to no lead", null);
            }
            return lead;
        } catch (LeadRoutingException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DecodeFailure.registryUnavailable(e)) {
                throw e; // not the record's fault: the handler fails the task and the record is read again
            }
            throw refuse(Stage.ROUTING_DECODE.wireName(), DecodeFailure.of(e).reason(), e.getMessage(), e);
        }
    }

    private LeadRoutingException refuse(String stage, String reason, String message, Throwable cause) {
        metrics.deadLettered();
        return new LeadRoutingException(stage, reason, message, cause);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
