package io.clayflow.ledger;

import io.clayflow.streams.StreamsApp;
import io.clayflow.streams.StreamsAppRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;

/**
 * The Clay ledger as {@link StreamsAppRunner} runs it: {@link ClayLedgerTopology} with an admin client that checks the
 * topics before start ({@link LedgerTopics}) and tells each check how far the callbacks are read
 * ({@link AdminCallbackCutoff}). {@code main} takes an optional properties file ({@code CLAYFLOW_LEDGER_*} environment
 * variables override it) and runs until the JVM shuts down.
 */
public final class ClayLedgerApp implements StreamsApp {

    private final ClayLedgerConfig config;
    private Admin admin;

    public ClayLedgerApp(ClayLedgerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppRunner.main(ClayLedgerConfig.APP, args,
                (file, env) -> new ClayLedgerApp(ClayLedgerConfig.load(file, env)));
    }

    @Override
    public ClayLedgerConfig config() {
        return config;
    }

    @Override
    public Topology buildTopology() {
        admin = Admin.create(adminProperties());
        return ClayLedgerTopology.buildTopology(config, new AdminCallbackCutoff(admin, config.applicationId()));
    }

    @Override
    public void beforeStart() {
        LedgerTopics.prepare(admin);
    }

    /** The Streams settings an admin client knows (bootstrap, security), so it reaches the cluster as Streams does. */
    private Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        config.streamsProperties().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key.toString())) {
                props.put(key.toString(), value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-ledger-admin");
        return props;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
