package io.clayflow.routing;

import io.clayflow.streams.TaskMetrics;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Routing's counters ({@link TaskMetrics}) in group {@value #GROUP}, tagged {@code thread-id} and
 * {@code clayflow-routing-id} (the task id): per route {@code routed-<route>-total} and {@code -rate};
 * {@code dead-lettered-*}; {@code unmatched-*} (leads no rule chose); {@code unrouted-*} (leads no rule chose but
 * the warehouse's: no sales or nurture route, so a rule change that strands leads shows).
 */
final class RoutingMetrics implements AutoCloseable {

    static final String SCOPE = "clayflow-routing";
    static final String GROUP = "stream-" + SCOPE + "-metrics";
    static final String DEAD_LETTERED = "dead-lettered";
    static final String UNMATCHED = "unmatched";
    static final String UNROUTED = "unrouted";

    private final TaskMetrics metrics;
    private final Map<Route, Sensor> routed = new EnumMap<>(Route.class);
    private final Sensor deadLettered;
    private final Sensor unmatched;
    private final Sensor unrouted;

    RoutingMetrics(ProcessorContext<?, ?> context) {
        this.metrics = new TaskMetrics(context, SCOPE);
        for (Route route : Route.values()) {
            routed.put(route, metrics.counter(counterName(route)));
        }
        deadLettered = metrics.counter(DEAD_LETTERED);
        unmatched = metrics.counter(UNMATCHED);
        unrouted = metrics.counter(UNROUTED);
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

    void unrouted() {
        unrouted.record();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
