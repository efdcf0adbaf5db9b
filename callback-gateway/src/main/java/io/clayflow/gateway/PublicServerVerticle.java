package io.clayflow.gateway;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One instance of the public server on its own event loop. The gateway deploys several on the same port (Vert.x
 * shares the listening socket and spreads connections across them), so request handling uses every core.
 */
final class PublicServerVerticle extends VerticleBase {

    private final HttpServerOptions options;
    private final Supplier<Router> router;
    private final Consumer<HttpServer> listening;

    PublicServerVerticle(HttpServerOptions options, Supplier<Router> router, Consumer<HttpServer> listening) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = Objects.requireNonNull(router, "router");
        this.listening = Objects.requireNonNull(listening, "listening");
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(router.get()).listen().onSuccess(listening::accept);
    }
}
