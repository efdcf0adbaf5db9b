package io.clayflow.fakes.clay;

import java.util.Objects;
import java.util.Random;

/** Draws the configured faults from one seeded {@link Random}: the same seed and requests give the same faults. */
final class FaultInjector {

    /** What a webhook request meets before the simulator looks at it. */
    enum WebhookFault { NONE, FORCED_STATUS, TIMEOUT, ERROR }

    private final Random random;
    private volatile Faults faults;

    FaultInjector(Faults faults, long seed) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.random = new Random(seed);
    }

    Faults faults() {
        return faults;
    }

    void set(Faults newFaults) {
        this.faults = Objects.requireNonNull(newFaults, "faults");
    }

    synchronized WebhookFault onWebhookRequest(Faults current) {
        if (current.forcedStatus() != 0) {
            return WebhookFault.FORCED_STATUS;
        }
        if (draw(current.webhookTimeoutRate())) {
            return WebhookFault.TIMEOUT;
        }
        if (draw(current.webhookErrorRate())) {
            return WebhookFault.ERROR;
        }
        return WebhookFault.NONE;
    }

    synchronized boolean callbackDuplicated() {
        return draw(faults.callbackDuplicateRate());
    }

    synchronized boolean callbackFails() {
        return draw(faults.callbackFailureRate());
    }

    /** The extra delay of a late callback (past a timeout), or 0. */
    synchronized long callbackLateDelayMillis() {
        Faults current = faults;
        return draw(current.callbackLateRate()) ? current.callbackLateDelay().toMillis() : 0;
    }

    /** The random extra delay of an out-of-order callback, or 0. */
    synchronized long callbackExtraDelayMillis() {
        Faults current = faults;
        long max = current.callbackReorderMaxDelay().toMillis();
        if (max <= 0 || !draw(current.callbackReorderRate())) {
            return 0;
        }
        return 1 + (long) (random.nextDouble() * max);
    }

    // Draws only for a rate in force, so turning one knob on does not shift the others' sequence when it is off.
    private boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
