package io.clayflow.stack;

import java.time.Duration;
import java.util.Optional;

/** Hears the stack stop when the JVM exits (SIGTERM, Ctrl-C, {@code System.exit}) while it runs. */
public interface StopListener {

    /** Before the first part stops: end what reads from the parts (a status screen). */
    default void stopping() {
    }

    /** Once every part stopped, or failed to ({@code failure} names those that did not stop cleanly). */
    default void stopped(Duration took, Optional<RuntimeException> failure) {
    }
}
