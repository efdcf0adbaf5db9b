package io.clayflow.fakes.clay;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Clay simulator: loads {@link SimulatorConfig} (an optional properties file as the only argument, then
 * {@code CLAYFLOW_SIMULATOR_*} variables), starts it, and stops it on shutdown.
 */
public final class ClaySimulatorApp {

    private static final Logger LOG = LoggerFactory.getLogger(ClaySimulatorApp.class);

    private ClaySimulatorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = SimulatorConfigLoader.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid Clay simulator configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        ClaySimulator simulator = ClaySimulator.start(config);
        simulator.webhooks().forEach(webhook -> LOG.info("Webhook {}: {}", webhook.id(),
                simulator.webhookUrl(webhook.id())));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the Clay simulator");
            simulator.close();
            stopped.countDown();
        }, "clay-simulator-shutdown"));
        stopped.await();
    }
}
