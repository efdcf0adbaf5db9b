package io.clayflow.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: its parts started in dependency order, stage by stage (the parts of one stage
 * need only those of earlier stages, so they start together and the stage ends when all are ready), and stopped in
 * reverse order. What {@code clayflow up} runs; tests run it on free ports in a temporary directory.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration READY_POLL = Duration.ofMillis(200);

    private final StackConfig config;
    private final StackSecrets secrets;
    private final List<List<StackPart>> stages;
    private final List<StackPart> parts;
    // Guards started and closed: a SIGTERM's stop may come while start() is still starting parts.
    private final Object lifecycle = new Object();
    private final List<StackPart> started = new CopyOnWriteArrayList<>();
    private StopListener stopListener = new StopListener() { };
    private volatile StackShutdownHook shutdownHook;
    private Duration startupTime;
    private volatile boolean closed;

    /** {@code stages}: the parts in start order, grouped into stages whose parts can start together. */
    LocalStack(StackConfig config, StackSecrets secrets, List<List<StackPart>> stages) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.stages = stages.stream().map(List::copyOf).toList();
        this.parts = this.stages.stream().flatMap(List::stream).toList();
    }

    /** The stack's parts for {@code config}, in start order; nothing starts yet. Creates the secrets file if needed. */
    public static LocalStack create(StackConfig config) {
        StackSecrets secrets = StackSecrets.loadOrCreate(config.dataDir(), new SecureRandom());
        GatewayPart gateway = new GatewayPart(config, secrets);
        ClaySimulatorPart simulator = new ClaySimulatorPart(config, secrets, gateway.callbackUrl());
        IntakePart intake = new IntakePart(config);
        // The status page shows credits left of the budget intake itself runs with.
        StatusPart status = new StatusPart(config, intake.configuration().budgetActionsPerPeriod());
        // The registry (its own process, its own database) starts beside the broker: the slowest two overlap.
        List<List<StackPart>> stages = List.of(
                List.of(new SchemaRegistryPart(config), new KafkaBrokerPart(config)),
                List.of(new TopicsPart(config.bootstrapServers())),
                List.of(gateway, status, simulator, new HubSpotPart(config, secrets), new OutreachPart(config, secrets)),
                List.of(intake, new RoutingPart(config), new ClayLedgerPart(config)),
                List.of(new ConnectPart(config, new StackConnectors(config, secrets, simulator.webhookUrl()))));
        return new LocalStack(config, secrets, stages);
    }

    /** Who hears of a stop the JVM's exit makes (SIGTERM, Ctrl-C): set it before {@link #start()}. */
    public LocalStack onExitStop(StopListener listener) {
        this.stopListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Starts every part in order, stage by stage, each stage's parts answering their readiness checks before the next
     * stage starts. If one fails or is not ready within {@code part.start.timeout.ms}, the parts already started are
     * stopped and the failure thrown. From here until {@link #close()}, the stack's one JVM shutdown hook stops it
     * ({@link StackShutdownHook}).
     */
    public void start() {
        start((part, took) -> { });
    }

    /**
     * {@link #start()}, telling {@code onPartReady} as each part becomes ready and how long it took from the start of
     * its stage.
     */
    public void start(BiConsumer<String, Duration> onPartReady) {
        Objects.requireNonNull(onPartReady, "onPartReady");
        if (closed) {
            throw new IllegalStateException("This stack was stopped; create a new one to start again");
        }
        for (StackPart part : parts) {
            try {
                part.stopLeftovers();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop what a previous run of " + part.name() + " left: "
                        + e.getMessage(), e);
            }
        }
        checkPortsFree();
        StackShutdownHook.keepConnectFromRegisteringItsOwn();
        shutdownHook = StackShutdownHook.register(this, stopListener);
        long begin = System.nanoTime();
        for (List<StackPart> stage : stages) {
            long stageBegin = System.nanoTime();
            StackPart current = null;
            try {
                for (StackPart part : stage) {
                    current = part;
                    synchronized (lifecycle) {
                        if (closed) {
                            throw new IllegalStateException("the stack was stopped while it started");
                        }
                        started.add(part);
                        part.start();
                    }
                }
                for (StackPart part : stage) {
                    current = part;
                    awaitReady(part);
                    Duration took = Duration.ofNanos(System.nanoTime() - stageBegin);
                    LOG.info("{} ready in {} ms", part.name(), took.toMillis());
                    onPartReady.accept(part.name(), took);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                IllegalStateException failure = new IllegalStateException("The local stack could not start "
                        + current.name() + ": " + e.getMessage(), e);
                try {
                    close();
                } catch (RuntimeException stopFailure) {
                    failure.addSuppressed(stopFailure);
                }
                throw failure;
            }
        }
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Local stack ready in {} ms", startupTime.toMillis());
    }

    private void awaitReady(StackPart part) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + config.partStartTimeout().toNanos();
        while (!part.isReady()) {
            if (closed) {
                throw new IllegalStateException("the stack was stopped while it started");
            }
            if (System.nanoTime() > deadline) {
                String why = part.notReadyReason();
                throw new TimeoutException(part.name() + " was not ready within " + config.partStartTimeout().toSeconds()
                        + " s" + (why.isEmpty() ? "" : ": " + why));
            }
            if (part.failure().isPresent()) {
                throw new IllegalStateException(part.failure().get());
            }
            Thread.sleep(READY_POLL.toMillis());
        }
    }

    /** Fail fast, naming the key, when something else holds a port: otherwise a part fails later and less clearly. */
    private void checkPortsFree() {
        for (Map.Entry<String, Integer> entry : config.boundPorts().entrySet()) {
            String key = entry.getKey();
            int port = entry.getValue();
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(config.host()), port));
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " (" + key + ") on " + config.host()
                        + " is in use: is a stack already running? Stop it, or choose another port with " + key);
            }
        }
    }

    /** How long the last {@link #start()} took until every part was ready. */
    public Duration startupTime() {
        if (startupTime == null) {
            throw new IllegalStateException("The stack has not finished starting");
        }
        return startupTime;
    }

    /** Each part's readiness now, in start order. */
    public Map<String, Boolean> readiness() {
        Map<String, Boolean> readiness = new LinkedHashMap<>();
        parts.forEach(part -> readiness.put(part.name(), started.contains(part) && part.isReady()));
        return readiness;
    }

    public boolean isReady() {
        return readiness().values().stream().allMatch(Boolean::booleanValue);
    }

    /** Where each part listens, by part, in start order. */
    public Map<String, List<Endpoint>> endpoints() {
        Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
        parts.forEach(part -> endpoints.put(part.name(), part.endpoints()));
        return endpoints;
    }

    public List<StackPart> parts() {
        return parts;
    }

    /** The part of the given type, e.g. {@code part(ClaySimulatorPart.class)}. */
    public <T extends StackPart> T part(Class<T> type) {
        return parts.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No part of type " + type.getSimpleName()));
    }

    public StackConfig config() {
        return config;
    }

    /** Where the secrets are kept (never the secrets). */
    public java.nio.file.Path secretsFile() {
        return secrets.file();
    }

    /**
     * Stops the started parts in reverse order within {@code stop.timeout.ms} in all ({@link ReverseStop}: a part
     * that fails or hangs is reported, the others still stopped, and what did not stop is killed, so that no child
     * process outlives the stack). Safe to call twice, and from the shutdown hook while {@link #start()} runs.
     */
    @Override
    public void close() {
        List<StackPart> toStop;
        synchronized (lifecycle) {
            closed = true;
            toStop = new ArrayList<>(started);
            started.clear();
        }
        if (shutdownHook != null) {
            shutdownHook.remove();
        }
        Collections.reverse(toStop);
        ReverseStop.stop(toStop, config.stopTimeout());
    }
}
