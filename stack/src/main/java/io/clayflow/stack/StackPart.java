package io.clayflow.stack;

import java.util.List;
import java.util.Optional;

/**
 * One part of the local stack (the broker, the registry, a topology, ...): started after the parts before it are
 * ready, stopped before them.
 */
public interface StackPart {

    /** A short name for messages and the status screen, e.g. {@code kafka}. */
    String name();

    /**
     * Stops what an earlier run of this part on the same data directory left running (a child process of a stack
     * that was killed), before the stack checks that its ports are free. Nothing to do for parts inside the JVM.
     */
    default void stopLeftovers() throws Exception {
    }

    /** Starts the part; it may return before the part is ready (see {@link #isReady()}). */
    void start() throws Exception;

    /** Whether the part answers its readiness check now. Never throws; false while starting or after a failure. */
    boolean isReady();

    /** Why the part is not ready, for the message when it never gets there; empty when there is nothing to add. */
    default String notReadyReason() {
        return "";
    }

    /** Why the part can never become ready (e.g. its process exited), or empty while it still may. */
    default Optional<String> failure() {
        return Optional.empty();
    }

    /** Where the part listens, for `up` to print; no secrets. */
    List<Endpoint> endpoints();

    /** Stops the part and releases what it holds (threads, ports, child processes); safe to call twice. */
    void stop() throws Exception;

    /** The last resort after {@link #stop()} failed or ran out of time: release what would outlive this JVM. */
    default void kill() {
    }

    /** Whether everything the part started has stopped. */
    boolean isStopped();
}
