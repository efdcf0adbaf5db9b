package io.clayflow.gateway;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.clayflow.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;

/** Runs the gateway: {@code java -jar clayflow-callback-gateway.jar [gateway.properties]}; stops gracefully on SIGTERM. */
public final class GatewayApp {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private GatewayApp() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config = GatewayConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        Vertx vertx = Vertx.vertx();
        GatewayServer server;
        try {
            server = GatewayServer.start(vertx, config).await();
        } catch (Exception e) {
            LOG.error("The callback gateway could not start", e);
            vertx.close();
            System.exit(1);
            return;
        }
        long bound = config.lifecycle().shutdownTimeout().toMillis() * 2 + 5_000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("The callback gateway did not stop cleanly", e);
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x did not close cleanly", e);
            }
        }, "gateway-shutdown"));
    }
}
