package io.clayflow.streams;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * What a Kubernetes probe needs from a Kafka Streams app's state. Live: not yet or still able to process, so a
 * client in {@code ERROR}, {@code PENDING_ERROR} or {@code NOT_RUNNING} is dead (nothing in it will ever process
 * again; the process must be restarted). Ready: processing now, only while {@code RUNNING}; a rebalance, a restore
 * or a shutdown takes the instance out of service until it is done.
 */
public final class StreamsHealth {

    private static final Set<State> DEAD = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING);

    private StreamsHealth() {
    }

    public static boolean isLive(State state) {
        return !DEAD.contains(state);
    }

    public static boolean isReady(State state) {
        return state == State.RUNNING;
    }

    /** The probe's answer: 200 and {@code UP}, or 503 and {@code DOWN}, with the state that decided. */
    static ManagementServer.Response answer(State state, Predicate<State> check) {
        boolean up = check.test(state);
        return new ManagementServer.Response(up ? 200 : 503, ManagementServer.JSON,
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}");
    }
}
