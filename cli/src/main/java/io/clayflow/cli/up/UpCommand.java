package io.clayflow.cli.up;

import io.clayflow.cli.ClayflowCommand;
import io.clayflow.cli.CliException;
import io.clayflow.cli.DurationConverter;
import io.clayflow.cli.ExitCodes;
import io.clayflow.config.SharedKeys;
import io.clayflow.stack.IntakePart;
import io.clayflow.stack.LocalStack;
import io.clayflow.stack.StackConfig;
import io.clayflow.stack.StackLogging;
import io.clayflow.stack.StackSummary;
import io.clayflow.status.ClusterSettings;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clayflow up}: starts the whole pipeline on this machine ({@link LocalStack}), prints where each part
 * listens, then a live status screen until Ctrl-C or SIGTERM, which stop every part.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the whole pipeline on this machine with nothing but Java. The parts, in start order "
                + "(the names the status screen shows):",
                "  kafka            a Kafka broker (KRaft, one node)",
                "  schema-registry  the Apicurio schema registry (Confluent-compatible API)",
                "  topics           the pipeline's topics",
                "  callback-gateway the callback gateway Clay calls back (and POST /v1/leads)",
                "  status           the status app: the funnel page and the clayflow_pipeline_* gauges",
                "  clay-simulator   a simulated Clay table that enriches and calls the gateway back",
                "  hubspot-fake     a HubSpot fake (contacts: upsert, search, batch read; webhooks to the gateway)",
                "  outreach-fake    an Outreach fake (prospects and sequences)",
                "  intake           the intake app: validate, normalize, dedupe, throttle to Clay",
                "  routing          the routing app: CEL rules to the CRM, outreach, nurture and warehouse routes",
                "  ledger           the Clay ledger: every row Clay took awaits its callback; overdue ones to leads.dlq",
                "  connect          a Kafka Connect worker with four sinks: clay-webhook-sink (to Clay), hubspot-sink "
                        + "(HubSpot), outreach-sink (Outreach) and warehouse-sink (a DuckDB file), and one source: "
                        + "hubspot-source (contacts created or changed in HubSpot become leads; demo --crm)",
                "Data (and generated secrets) are kept in --data-dir, so `up` again resumes where the last run "
                        + "stopped. Prints where each part listens, then live counters per stage. Ctrl-C (or SIGTERM) "
                        + "stops every part.",
                "Feed it from another terminal: ./clayflow demo --leads 500 --duplicates 0.2"})
public final class UpCommand extends ClayflowCommand {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the stack keeps its data, logs and secrets (default: data, or data.dir from --config).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of stack settings (see stack/README.md): ports, data.dir, "
                    + "override.<part>.<key>. CLAYFLOW_STACK_<KEY> variables override it, flags override both.")
    Path configFile;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka's port (default 9092).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "The schema registry's port (default 8081).")
    Integer registryPort;

    @Option(names = "--connect-port", paramLabel = "PORT", description = "Kafka Connect's REST port (default 8083).")
    Integer connectPort;

    @Option(names = "--gateway-port", paramLabel = "PORT", description = "The callback gateway's port (default 8080).")
    Integer gatewayPort;

    @Option(names = "--simulator-port", paramLabel = "PORT", description = "The Clay simulator's port (default 8090).")
    Integer simulatorPort;

    @Option(names = {"-S", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any stack setting, repeatable, e.g. -S override.intake.throttle.rate.per.second=20.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--refresh", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the status screen refreshes (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--no-status", description = "Print the endpoints, then wait quietly (for scripts and logs).")
    boolean noStatus;

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config = config();
        PrintWriter out = out();
        Path logFile = StackLogging.toFile(config.dataDir());
        out.printf("Starting the clayflow stack in %s (logs: %s)%n", config.dataDir(), logFile);
        out.flush();

        UpStopListener stop = new UpStopListener(out, config.dataDir());
        LocalStack stack = LocalStack.create(config).onExitStop(stop);
        try {
            stack.start((part, took) -> {
                out.printf("  %-18s ready in %5.1f s%n", part, took.toMillis() / 1000.0);
                out.flush();
            });
        } catch (RuntimeException e) {
            stop.screenDone();
            throw new CliException(ExitCodes.FAILED, e.getMessage() + " (details in " + logFile + ")", e);
        }
        out.print(StackSummary.of(stack));
        out.printf("Ready %.1f s after the JVM started. Ctrl-C stops every part.%n",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.printf("Try, in another terminal: ./clayflow demo --leads 500 --duplicates 0.2%s%n", clusterFlags(config));
        out.flush();
        try {
            if (noStatus) {
                stop.awaitStopping();
            } else {
                ClusterSettings cluster = new ClusterSettings(config.bootstrapServers(), config.registryUrl(), Map.of(),
                        Duration.ofSeconds(5));
                long credits = stack.part(IntakePart.class).configuration().budgetActionsPerPeriod();
                try (StatusScreen screen = new StatusScreen(stack, cluster, credits, out, ScreenMode.redrawsInPlace())) {
                    while (!stop.isStopping()) {
                        screen.draw();
                        stop.awaitStopping(refresh);
                    }
                }
            }
        } finally {
            stop.screenDone();
        }
        return ExitCodes.OK;
    }

    StackConfig config() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (dataDir != null) {
            overrides.put(StackConfig.DATA_DIR, dataDir.toString());
        }
        port(overrides, StackConfig.KAFKA_PORT, kafkaPort);
        port(overrides, StackConfig.REGISTRY_PORT, registryPort);
        port(overrides, StackConfig.CONNECT_PORT, connectPort);
        port(overrides, StackConfig.GATEWAY_PORT, gatewayPort);
        port(overrides, StackConfig.SIMULATOR_PORT, simulatorPort);
        try {
            return StackConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, "invalid stack setting: " + e.getMessage(), e);
        }
    }

    /** What the CLI needs to reach this stack: nothing where it serves at the CLI's defaults, else both addresses. */
    static String clusterFlags(StackConfig config) {
        boolean atDefaults = onLocalhost(config.bootstrapServers()).equals(SharedKeys.DEFAULT_BOOTSTRAP_SERVERS)
                && onLocalhost(config.registryUrl()).equals(SharedKeys.DEFAULT_SCHEMA_REGISTRY_URL);
        return atDefaults ? "" : " --bootstrap-servers " + config.bootstrapServers() + " --schema-registry-url "
                + config.registryUrl();
    }

    private static String onLocalhost(String address) {
        return address.replace("127.0.0.1", "localhost");
    }

    private static void port(Map<String, String> overrides, String key, Integer port) {
        if (port != null) {
            overrides.put(key, port.toString());
        }
    }
}
