package io.clayflow.status.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the status app: {@code java -jar clayflow-status.jar [status.properties]}; the page at
 * {@code http://<host>:9193/status}. Stops on SIGTERM.
 */
public final class StatusApp {

    private static final Logger LOG = LoggerFactory.getLogger(StatusApp.class);
    private static final long STOP_BOUND_SECONDS = 15;

    private StatusApp() {
    }

    public static void main(String[] args) {
        StatusConfig config = StatusConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        Vertx vertx = Vertx.vertx();
        StatusServer server;
        try {
            server = StatusServer.start(vertx, config).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("The status app could not start", e);
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close().await(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
                // Awaited on its own: a future chained after Vert.x's close would complete on a closed event loop.
                vertx.close().await(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("The status app did not stop cleanly", e);
            }
        }, "status-shutdown"));
    }
}
