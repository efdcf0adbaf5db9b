package io.clayflow.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway's publishing routes share: the request's body read strictly ({@link StrictJson}, a 400 when it is
 * not JSON) with the time it arrived, the route's records published to its one topic through the gateway's
 * {@link KafkaPublisher} (acks=all), and the JSON answer, sent only once Kafka acknowledged every record. A publish
 * that fails fails the request with its error (a 503 with Retry-After, answered by {@link ErrorResponder}); an answer
 * to a request whose response already ended or whose connection closed is dropped.
 */
record PublishingRoute(StrictJson json, Clock clock, KafkaPublisher publisher, String topic) {

    PublishingRoute {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(topic, "topic");
    }

    /** The request's JSON body, mapped with the instant it arrived. */
    <T> T read(RoutingContext ctx, BiFunction<JsonNode, Instant, T> mapping) {
        return mapping.apply(json.parse(ctx), Instant.now(clock));
    }

    /** Sends {@code values} in order, each keyed by {@code key}; succeeds with their metadata once all are acked. */
    <V> Future<List<RecordMetadata>> publish(List<V> values, Function<? super V, String> key) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(values.size());
        values.forEach(value -> records.add(new ProducerRecord<>(topic, key.apply(value), value)));
        return publisher.publish(records);
    }

    /** Answers {@code status} with {@code body}, unless the response already ended or its connection closed. */
    static void answer(RoutingContext ctx, int status, JsonObject body) {
        ErrorResponder.reply(ctx, status, Map.of(), body);
    }
}
