package io.clayflow.fakes.clay;

import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.fakes.outreach.OutreachSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fakes app: loads its settings ({@link SimulatorConfigLoader}: an optional properties file as the only
 * argument, then {@code CLAYFLOW_SIMULATOR_*} variables), starts the Clay fake and, when enabled, the HubSpot and
 * Outreach fakes, and stops them on shutdown.
 */
public final class ClaySimulatorApp {

    private static final Logger LOG = LoggerFactory.getLogger(ClaySimulatorApp.class);

    private ClaySimulatorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        SaasFakesConfig config;
        try {
            config = SimulatorConfigLoader.loadApp(file, System.getenv());
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.error("Invalid Clay simulator configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Settings:\n{}", config.settings());
        List<AutoCloseable> running = new ArrayList<>();
        ClaySimulator simulator = ClaySimulator.start(config.clay());
        running.add(simulator);
        simulator.webhooks().forEach(webhook -> LOG.info("Webhook {}: {}", webhook.id(),
                simulator.webhookUrl(webhook.id())));
        config.hubspot().ifPresent(hubspot -> {
            running.add(HubSpotSimulator.start(hubspot));
            LOG.info("HubSpot fake on http://{}:{}", hubspot.host(), hubspot.port());
        });
        config.outreach().ifPresent(outreach -> {
            running.add(OutreachSimulator.start(outreach));
            LOG.info("Outreach fake on http://{}:{}", outreach.host(), outreach.port());
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the fakes");
            running.forEach(ClaySimulatorApp::closeQuietly);
            stopped.countDown();
        }, "clay-simulator-shutdown"));
        stopped.await();
    }

    private static void closeQuietly(AutoCloseable fake) {
        try {
            fake.close();
        } catch (Exception e) {
            // One fake failing to stop must not keep the others running.
            LOG.warn("Could not stop {}: {}", fake.getClass().getSimpleName(), e.toString());
        }
    }
}
