package io.clayflow.fakes;

import java.util.Objects;
import java.util.Set;

/**
 * What every fake's configuration builder sets alike: where the fake listens, the seed of its fault draws and the
 * faults it starts with. Defaults: loopback, the fake's own port, seed 42, no faults.
 *
 * @param <B> the fake's builder, which each setter returns
 * @param <F> the fake's faults
 * @param <C> the fake's configuration, which {@link #build()} makes
 */
public abstract class FakeConfigBuilder<B extends FakeConfigBuilder<B, F, C>, F, C> {

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

    /**
     * Checks where a fake is to listen, for its configuration's constructor.
     *
     * @throws NullPointerException     without a host
     * @throws IllegalArgumentException for a port outside 0-65535
     */
    public static void checkAddress(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
    }

    /**
     * The bearer tokens a fake accepts, for its configuration's constructor: an unmodifiable copy.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static Set<String> checkTokens(Set<String> tokens) {
        Set<String> copy = Set.copyOf(tokens);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one token is needed");
        }
        return copy;
    }

    /** The interface to bind ({@code 0.0.0.0} in a container). */
    public final B host(String value) {
        host = Objects.requireNonNull(value, "host");
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
        faults = Objects.requireNonNull(value, "faults");
        return self();
    }

    /** The configuration: the settings above and the fake's own. */
    public final C build() {
        return build(host, port, seed, faults);
    }

    /** The configuration with these shared settings and the fake's own from its builder. */
    protected abstract C build(String host, int port, long seed, F faults);

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
