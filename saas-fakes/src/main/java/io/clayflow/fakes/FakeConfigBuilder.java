package io.clayflow.fakes;

import java.util.Objects;

/**
 * What every fake's configuration builder sets alike: where the fake listens, the seed of its fault draws and the
 * faults it starts with. Defaults: loopback, the fake's own port, seed 42, no faults.
 *
 * @param <B> the fake's builder, which each setter returns
 * @param <F> the fake's faults
 */
public abstract class FakeConfigBuilder<B extends FakeConfigBuilder<B, F>, F> {

    /** The interface every fake binds unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The seed every fake draws its faults from unless told otherwise. */
    public static final long DEFAULT_SEED = 42;

    private String host = DEFAULT_HOST;
    private int port;
    private long seed = DEFAULT_SEED;
    private F faults;

    /**
     * @param defaultPort where the fake listens unless {@link #port(int)} says otherwise
     * @param noFaults    the fake's faults when none are set
     */
    protected FakeConfigBuilder(int defaultPort, F noFaults) {
        this.port = defaultPort;
        this.faults = Objects.requireNonNull(noFaults, "noFaults");
    }

    /** The interface to bind ({@code 0.0.0.0} in a container). */
    public final B host(String value) {
        host = value;
        return self();
    }

    /** The port to bind; 0 picks a free one (what tests want). */
    public final B port(int value) {
        port = value;
        return self();
    }

    /** Seeds the fault draws: same seed, same run. */
    public final B seed(long value) {
        seed = value;
        return self();
    }

    /** The faults in force when the fake starts. */
    public final B faults(F value) {
        faults = value;
        return self();
    }

    protected final String host() {
        return host;
    }

    protected final int port() {
        return port;
    }

    protected final long seed() {
        return seed;
    }

    protected final F faults() {
        return faults;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
