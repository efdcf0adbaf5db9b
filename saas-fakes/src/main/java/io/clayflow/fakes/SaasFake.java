package io.clayflow.fakes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Clay, HubSpot and Outreach fakes share: one Vert.x HTTP server on a host and port, on a Vert.x of its own
 * (closed with it) or on the caller's (left open), its configuration, and blocking start and stop for tests and apps.
 *
 * @param <C> the fake's configuration
 */
public abstract class SaasFake<C> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SaasFake.class);
    private static final long BLOCKING_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final String name;
    private final String host;
    private final int port;
    private final C config;
    private volatile HttpServer server;

    /**
     * @param ownsVertx whether {@link #stop()} closes {@code vertx}: true when the fake made it
     * @param name      what it is in messages, e.g. "Clay simulator"
     * @param port      0 picks a free port ({@link #port()} tells which)
     */
    protected SaasFake(Vertx vertx, boolean ownsVertx, String name, String host, int port, C config) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.ownsVertx = ownsVertx;
        this.name = Objects.requireNonNull(name, "name");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Makes a fake without starting it.
     *
     * @param <C> the fake's configuration
     * @param <F> the fake
     */
    @FunctionalInterface
    protected interface Maker<C, F extends SaasFake<C>> {
        /** @param ownsVertx whether the fake closes {@code vertx} when it stops */
        F make(Vertx vertx, boolean ownsVertx, C config);
    }

    /** Starts the fake {@code maker} makes on {@code vertx}, which stays the caller's to close. */
    protected static <C, F extends SaasFake<C>> Future<F> startOn(Vertx vertx, C config, Maker<C, F> maker) {
        return listening(maker.make(vertx, false, config));
    }

    /**
     * Starts the fake {@code maker} makes on a Vert.x of its own and waits until it listens.
     *
     * @param what what is started, for the error message
     */
    protected static <C, F extends SaasFake<C>> F startOwned(C config, Maker<C, F> maker, String what) {
        return startBlocking(vertx -> listening(maker.make(vertx, true, config)), what);
    }

    /** {@code fake} once it listens. */
    private static <F extends SaasFake<?>> Future<F> listening(F fake) {
        SaasFake<?> started = fake;
        return started.listen().map(fake);
    }

    /**
     * Starts a fake on a Vert.x of its own and waits until it listens; the Vert.x is closed again when it fails.
     *
     * @param start starts the fake on the Vert.x it is given
     * @param what  what is started, for the error message
     */
    public static <T> T startBlocking(Function<Vertx, Future<T>> start, String what) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(start.apply(vertx), "start " + what);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Adds the fake's endpoints to {@code router}, which it then serves. */
    protected abstract void mount(Router router);

    /** Listens with a router holding the fake's endpoints; logs what it is and its configuration once it does. */
    private Future<Void> listen() {
        Router router = Router.router(vertx);
        mount(router);
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(listening -> {
            this.server = listening;
            LOG.info("{} listening on {} with {}", name, baseUrl(), config);
            return null;
        });
    }

    protected final Vertx vertx() {
        return vertx;
    }

    public final C config() {
        return config;
    }

    /** The port it listens on (the one picked when configured with 0). */
    public final int port() {
        return server.actualPort();
    }

    /** {@code http://<host>:<port>}, with 127.0.0.1 when bound to every interface. */
    public final String baseUrl() {
        String reachable = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port();
    }

    /** Stops listening; closes the Vert.x when the fake made it. Safe to call on an event loop. */
    public Future<Void> stop() {
        if (ownsVertx) {
            // Closing Vert.x closes the server; chaining on the server's future instead would never complete, as its
            // callbacks run on an event loop that the close stops.
            return vertx.close();
        }
        HttpServer listening = server;
        return listening == null ? Future.succeededFuture() : listening.close();
    }

    /** {@link #stop()} and wait for it: not on an event loop. */
    @Override
    public final void close() {
        await(stop(), "stop the " + name);
    }

    /** Waits for {@code future}, bounded: not on an event loop. */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + BLOCKING_TIMEOUT_SECONDS + " s waiting to " + what, e);
        }
    }

    /** Answers {@code body} as {@code application/json} with {@code status}. */
    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
