package io.clayflow.fakes.clay;

import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The simulator's pending timers (enrichments, retries, held requests), so stopping it cancels what is still due. */
final class Timers {

    private final Vertx vertx;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    Timers(Vertx vertx) {
        this.vertx = vertx;
    }

    void schedule(long delayMillis, Runnable task) {
        if (cancelled) {
            return;
        }
        long id = vertx.setTimer(Math.max(1, delayMillis), fired -> {
            pending.remove(fired);
            if (!cancelled) {
                task.run();
            }
        });
        pending.add(id);
    }

    void cancelAll() {
        cancelled = true;
        pending.forEach(vertx::cancelTimer);
        pending.clear();
    }
}
