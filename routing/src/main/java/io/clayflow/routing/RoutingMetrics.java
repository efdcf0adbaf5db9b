package io.clayflow.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Routing's counters, registered through Kafka Streams' metrics (so JMX and every Streams metrics reporter see them)
 * in group {@value #GROUP}, tagged {@code thread-id} and {@code clayflow-routing-id} (the task id): per route
 * {@code routed-<route>-total} and {@code -rate}; {@code dead-lettered-*}; {@code unmatched-*} (leads no rule chose).
 */
final class RoutingMetrics implements AutoCloseable {

    static final String SCOPE = "clayflow-routing";
    static final String GROUP = "stream-" + SCOPE + "-metrics";
    static final String DEAD_LETTERED = "dead-lettered";
    static final String UNMATCHED = "unmatched";

    private final StreamsMetrics metrics;
    private final List<Sensor> sensors = new ArrayList<>();
    private final Map<Route, Sensor> routed = new EnumMap<>(Route.class);
    private final Sensor deadLettered;
    private final Sensor unmatched;

    RoutingMetrics(ProcessorContext<?, ?> context) {
        this.metrics = context.metrics();
        String taskId = context.taskId().toString();
        for (Route route : Route.values()) {
            routed.put(route, counter(taskId, counterName(route)));
        }
        deadLettered = counter(taskId, DEAD_LETTERED);
        unmatched = counter(taskId, UNMATCHED);
    }

    /** The counter's name for a route: {@code routed-crm} gives {@code routed-crm-total} and {@code routed-crm-rate}. */
    static String counterName(Route route) {
        return "routed-" + route.ruleName();
    }

    void routed(Route route) {
        routed.get(route).record();
    }

    void deadLettered() {
        deadLettered.record();
    }

    void unmatched() {
        unmatched.record();
    }

    private Sensor counter(String taskId, String name) {
        Sensor sensor = metrics.addRateTotalSensor(SCOPE, taskId, name, Sensor.RecordingLevel.INFO);
        sensors.add(sensor);
        return sensor;
    }

    @Override
    public void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
