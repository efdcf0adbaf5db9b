package io.clayflow.cli.up;

import io.clayflow.cli.CliException;
import io.clayflow.cli.DurationConverter;
import io.clayflow.cli.ExitCodes;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clayflow up}: starts the whole pipeline on this machine ({@link LocalStack}), prints where each part
 * listens, then a live status screen until Ctrl-C or SIGTERM, which stop every part.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the whole pipeline on this machine with nothing but Java: a Kafka broker (KRaft), the "
                + "schema registry, the topics, the intake topology, a Kafka Connect worker with the Clay sink, the "
                + "callback gateway and the Clay simulator calling it back. Data (and generated secrets) are kept "
                + "in --data-dir, so `up` again resumes where the last run stopped.",
                "Prints where each part listens, then live counters per stage. Ctrl-C (or SIGTERM) stops every part.",
                "Feed it from another terminal: ./clayflow demo --leads 500 --duplicates 0.2"})
public final class UpCommand implements Callable<Integer> {

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        Path logFile = StackLogging.toFile(config.dataDir());
        out.printf("Starting the clayflow stack in %s (logs: %s)%n", config.dataDir(), logFile);
        out.flush();

        LocalStack stack = LocalStack.create(config);
        CountDownLatch screenDone = new CountDownLatch(1);
        StopOnShutdown stop = new StopOnShutdown(stack, screenDone, out);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "clayflow-up-shutdown"));
        try {
            stack.start((part, took) -> {
                out.printf("  %-18s ready in %5.1f s%n", part, took.toMillis() / 1000.0);
                out.flush();
            });
        } catch (RuntimeException e) {
            screenDone.countDown();
            throw new CliException(ExitCodes.FAILED, e.getMessage() + " (details in " + logFile + ")", e);
        }
        out.print(StackSummary.of(stack));
        out.printf("Ready %.1f s after the JVM started. Ctrl-C stops every part.%n",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.printf("Try, in another terminal: ./clayflow demo --leads 500 --duplicates 0.2%s%n",
                config.port(StackConfig.KAFKA_PORT) == 9092 ? ""
                        : " --bootstrap-servers " + config.bootstrapServers() + " --schema-registry-url "
                                + config.registryUrl());
        out.flush();
        try {
            if (noStatus) {
                stop.awaitStopping();
            } else {
                ClusterSettings cluster = new ClusterSettings(config.bootstrapServers(), config.registryUrl(), Map.of(),
                        Duration.ofSeconds(5));
                long credits = stack.part(IntakePart.class).configuration().budgetCreditsPerPeriod();
                try (StatusScreen screen = new StatusScreen(stack, cluster, credits, out, System.console() != null)) {
                    while (!stop.stopping()) {
                        screen.draw();
                        stop.awaitStopping(refresh);
                    }
                }
            }
        } finally {
            screenDone.countDown();
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

    private static void port(Map<String, String> overrides, String key, Integer port) {
        if (port != null) {
            overrides.put(key, port.toString());
        }
    }

    /** The shutdown hook: ends the screen, stops every part (within the stack's stop timeout), says how long it took. */
    static final class StopOnShutdown implements Runnable {

        private final LocalStack stack;
        private final CountDownLatch screenDone;
        private final PrintWriter out;
        private final CountDownLatch stopping = new CountDownLatch(1);

        StopOnShutdown(LocalStack stack, CountDownLatch screenDone, PrintWriter out) {
            this.stack = stack;
            this.screenDone = screenDone;
            this.out = out;
        }

        boolean stopping() {
            return stopping.getCount() == 0;
        }

        void awaitStopping() throws InterruptedException {
            stopping.await();
        }

        void awaitStopping(Duration atMost) throws InterruptedException {
            stopping.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            stopping.countDown();
            try {
                // The screen's last read must not race the broker going away; it ends within one read.
                screenDone.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println();
            out.println("Stopping the clayflow stack ...");
            out.flush();
            long begin = System.nanoTime();
            try {
                stack.close();
                out.printf("Stopped every part in %.1f s. Data kept in %s%n",
                        (System.nanoTime() - begin) / 1e9, stack.config().dataDir());
            } catch (RuntimeException e) {
                out.printf("Stopped with errors in %.1f s: %s%n", (System.nanoTime() - begin) / 1e9, e.getMessage());
            }
            out.flush();
        }
    }
}
