package io.clayflow.stack;

import java.net.URI;
import java.util.Objects;

/**
 * A stack part that is one of the saas-fakes (the Clay simulator, the HubSpot and Outreach fakes) running in this JVM
 * at {@code baseUrl}: started by {@link #launch()}, ready once {@code GET /health} answers 200, stopped by closing it.
 *
 * @param <S> the running fake
 */
public abstract class FakeServicePart<S extends AutoCloseable> implements StackPart {

    /** Where the stack runs and the tokens the fake accepts. */
    final StackConfig config;
    final StackSecrets secrets;
    private final String name;
    private final String baseUrl;
    private final HttpProbe http = new HttpProbe();
    private S running;

    FakeServicePart(String name, StackConfig config, StackSecrets secrets, String baseUrl) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** Starts the fake; returns once it listens. */
    abstract S launch();

    /** What to let finish before the fake is closed; nothing by default. */
    void beforeClose(S fake) {
    }

    @Override
    public final String name() {
        return name;
    }

    /** The running fake (its state and counters), for the status screen and tests. */
    public final S running() {
        if (running == null) {
            throw new IllegalStateException("The " + name + " is not running");
        }
        return running;
    }

    @Override
    public final void start() {
        running = launch();
    }

    @Override
    public final boolean isReady() {
        return running != null && http.status(URI.create(baseUrl + "/health")) == 200;
    }

    @Override
    public final void stop() throws Exception {
        if (running != null) {
            beforeClose(running);
            running.close();
            running = null;
        }
    }

    @Override
    public final boolean isStopped() {
        return running == null;
    }
}
