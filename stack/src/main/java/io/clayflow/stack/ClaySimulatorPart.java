package io.clayflow.stack;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.SimulatorConfigLoader;
import io.clayflow.fakes.clay.SimulatorStats;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Clay simulator in this JVM: a webhook that requires the stack's webhook token, and an HTTP API column that
 * calls the gateway back with the stack's callback token.
 */
public final class ClaySimulatorPart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(ClaySimulatorPart.class);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(5);

    private final StackConfig config;
    private final StackSecrets secrets;
    private final String callbackUrl;
    private final HttpProbe http = new HttpProbe();
    private SimulatorConfig simulatorConfig;
    private ClaySimulator simulator;

    public ClaySimulatorPart(StackConfig config, StackSecrets secrets, String callbackUrl) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.callbackUrl = Objects.requireNonNull(callbackUrl, "callbackUrl");
        this.simulatorConfig = simulatorConfig();
    }

    @Override
    public String name() {
        return "clay-simulator";
    }

    SimulatorConfig simulatorConfig() {
        Map<String, String> props = new LinkedHashMap<>(SimulatorConfigLoader.classpathDefaults());
        props.putAll(config.overrides("simulator"));
        props.put("http.host", config.host());
        props.put("http.port", Integer.toString(config.port(StackConfig.SIMULATOR_PORT)));
        props.put("webhook.token", secrets.webhookToken().value());
        props.put("callback.url", callbackUrl);
        props.put("callback.token", secrets.callbackToken().value());
        return SimulatorConfigLoader.fromProperties(props);
    }

    /** The URL of the webhook the Clay sink posts to: the first configured one. */
    public String webhookUrl() {
        return config.simulatorUrl() + "/webhooks/" + simulatorConfig.webhooks().get(0).id();
    }

    /** The running simulator (its counters and tables), for the status screen and tests. */
    public ClaySimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The Clay simulator is not running");
        }
        return simulator;
    }

    @Override
    public void start() {
        simulator = ClaySimulator.start(simulatorConfig);
    }

    @Override
    public boolean isReady() {
        return simulator != null && http.status(URI.create(config.simulatorUrl() + "/health")) == 200;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("webhook", "POST " + webhookUrl()),
                new Endpoint("counters", config.simulatorUrl() + "/admin/stats"),
                new Endpoint("calls back", callbackUrl));
    }

    /**
     * Lets the rows it took finish their enrichment and callback first (bounded): the simulator keeps its tables in
     * memory, so a callback still due at stop would never be made, and its lead never enriched. The stack stops the
     * Clay sink before this, so no new rows arrive meanwhile.
     */
    @Override
    public void stop() {
        if (simulator == null) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
        while (pendingCallbacks(simulator.stats()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long pending = pendingCallbacks(simulator.stats());
        if (pending > 0) {
            LOG.warn("Stopping the Clay simulator with {} callbacks still due: those leads will not be enriched",
                    pending);
        }
        simulator.close();
        simulator = null;
    }

    /** Rows added whose callback has been neither answered nor given up on (a duplicated callback counts twice). */
    static long pendingCallbacks(SimulatorStats stats) {
        long settled = stats.callbacksSent() - stats.callbacksDuplicated() + stats.callbacksFailed();
        return Math.max(0, stats.rowsAdded() - settled);
    }

    @Override
    public boolean isStopped() {
        return simulator == null;
    }
}
