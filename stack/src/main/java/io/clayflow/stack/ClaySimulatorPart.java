package io.clayflow.stack;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.SimulatorConfigLoader;
import io.clayflow.fakes.clay.SimulatorStats;
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
public final class ClaySimulatorPart extends FakeServicePart<ClaySimulator> {

    private static final Logger LOG = LoggerFactory.getLogger(ClaySimulatorPart.class);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(5);

    private final String callbackUrl;
    private final SimulatorConfig simulatorConfig;

    public ClaySimulatorPart(StackConfig config, StackSecrets secrets, String callbackUrl) {
        super("clay-simulator", config, secrets, config.url(StackConfig.SIMULATOR_PORT));
        this.callbackUrl = Objects.requireNonNull(callbackUrl, "callbackUrl");
        this.simulatorConfig = simulatorConfig();
    }

    SimulatorConfig simulatorConfig() {
        Map<String, String> props = new LinkedHashMap<>(SimulatorConfigLoader.classpathDefaults());
        props.putAll(config.overrides("simulator"));
        props.put("http.host", config.host());
        props.put("http.port", Integer.toString(config.port(StackConfig.SIMULATOR_PORT)));
        props.put("webhook.token", secrets.get(StackSecret.WEBHOOK_TOKEN).value());
        props.put("callback.url", callbackUrl);
        props.put("callback.token", secrets.get(StackSecret.CALLBACK_TOKEN).value());
        return SimulatorConfigLoader.fromProperties(props);
    }

    /** The URL of the webhook the Clay sink posts to: the first configured one. */
    public String webhookUrl() {
        return config.url(StackConfig.SIMULATOR_PORT) + "/webhooks/" + simulatorConfig.webhooks().get(0).id();
    }


    @Override
    ClaySimulator launch() {
        return ClaySimulator.start(simulatorConfig);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("webhook", "POST " + webhookUrl()),
                new Endpoint("counters", config.url(StackConfig.SIMULATOR_PORT) + "/admin/stats"),
                new Endpoint("calls back", callbackUrl));
    }

    /**
     * Lets the rows it took finish their enrichment and callback first (bounded): the simulator keeps its tables in
     * memory, so a callback still due at stop would never be made, and its lead never enriched. The stack stops the
     * Clay sink before this, so no new rows arrive meanwhile.
     */
    @Override
    void beforeClose(ClaySimulator simulator) {
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
    }

    /** Rows added whose callback has been neither answered nor given up on (a duplicated callback counts twice). */
    static long pendingCallbacks(SimulatorStats stats) {
        long settled = stats.callbacksSent() - stats.callbacksDuplicated() + stats.callbacksFailed();
        return Math.max(0, stats.rowsAdded() - settled);
    }
}
