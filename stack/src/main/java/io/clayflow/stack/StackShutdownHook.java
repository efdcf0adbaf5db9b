package io.clayflow.stack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of a running stack: on SIGTERM or Ctrl-C it stops every part in reverse start order, and
 * nothing else stops any of them. Kafka Connect registers a hook of its own when a worker starts
 * ({@code Connect$ShutdownHook}, through Kafka's {@link Exit#addShutdownHook}); run beside the stack's stop it stopped
 * the worker's REST server while the stack stopped the worker too, and was seen parked forever in Jetty's
 * {@code Server.join}, so that {@code System.exit} never returned. The stack keeps that hook from being registered and
 * owns Connect's stop, in order, like every other part's.
 */
final class StackShutdownHook {

    /** The name Connect registers its hook under. */
    static final String CONNECT_HOOK = "connect-shutdown-hook";

    private static final Logger LOG = LoggerFactory.getLogger(StackShutdownHook.class);

    private final Thread thread;

    private StackShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /**
     * Makes Kafka's {@link Exit#addShutdownHook} register every hook but Connect's: a JVM-wide setting, made before
     * the stack starts its worker. Other hooks registered through it (none today) still run.
     */
    static void keepConnectFromRegisteringItsOwn() {
        Exit.setShutdownHookAdder((name, hook) -> {
            if (CONNECT_HOOK.equals(name)) {
                LOG.debug("Not registering Kafka Connect's own shutdown hook: the stack stops the worker");
                return;
            }
            Runtime.getRuntime().addShutdownHook(name == null ? new Thread(hook) : new Thread(hook, name));
        });
    }

    /** Registers the hook that stops {@code stack}, telling {@code listener} before and after. */
    static StackShutdownHook register(LocalStack stack, StopListener listener) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(listener, "listener");
        Thread thread = new Thread(() -> stop(stack, listener), "clayflow-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(thread);
        return new StackShutdownHook(thread);
    }

    /** What the hook does: tells the listener, stops every part in reverse order, tells it how that went. */
    static void stop(LocalStack stack, StopListener listener) {
        LOG.info("Stopping the local stack (JVM shutdown)");
        listener.stopping();
        long begin = System.nanoTime();
        Optional<RuntimeException> failure = Optional.empty();
        try {
            stack.close();
        } catch (RuntimeException e) {
            failure = Optional.of(e);
        }
        listener.stopped(Duration.ofNanos(System.nanoTime() - begin), failure);
    }

    /** Unregisters the hook once the stack stopped otherwise; nothing to undo while the JVM is shutting down. */
    void remove() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (or ran) and stops the stack itself.
        }
    }
}
