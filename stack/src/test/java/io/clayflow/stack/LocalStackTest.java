package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's lifecycle with parts that record what happens to them: order, readiness, failures, stopping. */
class LocalStackTest {

    @TempDir
    Path data;

    // Parts start in the test's thread, stop in the stack's stopping thread.
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A part that records start/stop, is ready after {@code readyAfterChecks} checks, can fail or hang. */
    private final class RecordingPart implements StackPart {

        private final String name;
        private int readyAfterChecks;
        private RuntimeException startFailure;
        private String failure;
        private CountDownLatch hangOnStop;
        private boolean stopped = true;

        RecordingPart(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
            if (startFailure != null) {
                throw startFailure;
            }
            stopped = false;
        }

        @Override
        public boolean isReady() {
            return !stopped && readyAfterChecks-- <= 0;
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of(new Endpoint("at", name + ":1"));
        }

        @Override
        public void stop() throws InterruptedException {
            events.add("stop " + name);
            if (hangOnStop != null) {
                hangOnStop.await();
            }
            stopped = true;
        }

        @Override
        public void kill() {
            events.add("kill " + name);
        }

        @Override
        public boolean isStopped() {
            return stopped;
        }
    }

    private StackConfig config(Map<String, String> extra) throws IOException {
        Map<String, String> props = new HashMap<>(extra);
        props.put(StackConfig.DATA_DIR, data.toString());
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String key : StackConfig.PORT_KEYS) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                props.put(key, Integer.toString(socket.getLocalPort()));
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return StackConfig.load(null, Map.of(), props);
    }

    /** A stack of one part per stage. */
    private LocalStack stack(StackConfig config, StackPart... parts) {
        return new LocalStack(config, StackSecrets.loadOrCreate(config.dataDir(), new SecureRandom()),
                java.util.Arrays.stream(parts).map(List::<StackPart>of).toList());
    }

    @Test
    void partsStartInOrderEachReadyBeforeTheNextAndStopInReverse() throws Exception {
        RecordingPart broker = new RecordingPart("broker");
        broker.readyAfterChecks = 3;
        RecordingPart registry = new RecordingPart("registry");
        RecordingPart app = new RecordingPart("app");
        LocalStack stack = stack(config(Map.of()), broker, registry, app);
        List<String> ready = new ArrayList<>();

        stack.start((part, took) -> ready.add(part));
        assertThat(stack.isReady()).isTrue();
        assertThat(stack.endpoints()).containsOnlyKeys("broker", "registry", "app");
        stack.close();

        assertThat(ready).containsExactly("broker", "registry", "app");
        assertThat(events).containsExactly("start broker", "start registry", "start app", "stop app", "stop registry",
                "stop broker");
        assertThat(stack.startupTime()).isPositive();
    }

    @Test
    void thePartsOfAStageStartTogetherAndTheNextStageWaitsForAllOfThem() throws Exception {
        RecordingPart registry = new RecordingPart("registry");
        registry.readyAfterChecks = 2;
        RecordingPart broker = new RecordingPart("broker");
        RecordingPart app = new RecordingPart("app");
        StackConfig config = config(Map.of());
        LocalStack stack = new LocalStack(config, StackSecrets.loadOrCreate(config.dataDir(), new SecureRandom()),
                List.of(List.of(registry, broker), List.of(app)));

        stack.start();
        stack.close();

        assertThat(events).containsExactly("start registry", "start broker", "start app", "stop app", "stop broker",
                "stop registry");
    }

    @Test
    void aPartThatFailsToStartStopsThoseBeforeItAndIsNamed() throws Exception {
        RecordingPart broker = new RecordingPart("broker");
        RecordingPart registry = new RecordingPart("registry");
        registry.startFailure = new IllegalStateException("not unpacked");
        RecordingPart app = new RecordingPart("app");
        LocalStack stack = stack(config(Map.of()), broker, registry, app);

        assertThatThrownBy(stack::start).hasMessageContaining("could not start registry: not unpacked");
        assertThat(events).containsExactly("start broker", "start registry", "stop registry", "stop broker");
    }

    @Test
    void aPartThatCanNeverBeReadyFailsAtOnceWithItsReason() throws Exception {
        RecordingPart registry = new RecordingPart("registry");
        registry.readyAfterChecks = Integer.MAX_VALUE;
        registry.failure = "the registry process exited with code 1";
        LocalStack stack = stack(config(Map.of()), registry);

        assertThatThrownBy(stack::start).hasMessageContaining("exited with code 1");
    }

    @Test
    void aPartNotReadyInTimeIsNamed() throws Exception {
        RecordingPart slow = new RecordingPart("slow");
        slow.readyAfterChecks = Integer.MAX_VALUE;
        LocalStack stack = stack(config(Map.of(StackConfig.PART_START_TIMEOUT_MS, "1000")), slow);

        assertThatThrownBy(stack::start).hasMessageContaining("slow was not ready within 1 s");
        assertThat(events).containsExactly("start slow", "stop slow");
    }

    @Test
    void aHungPartDoesNotKeepTheOthersRunningAndIsKilled() throws Exception {
        RecordingPart broker = new RecordingPart("broker");
        RecordingPart hung = new RecordingPart("hung");
        hung.hangOnStop = new CountDownLatch(1);
        LocalStack stack = stack(config(Map.of(StackConfig.STOP_TIMEOUT_MS, "1000")), broker, hung);
        stack.start();

        assertThatThrownBy(stack::close).hasMessageContaining("Stopping hung failed");
        assertThat(events).containsSubsequence("stop hung", "stop broker", "kill hung");
        assertThat(broker.isStopped()).isTrue();
        hung.hangOnStop.countDown();
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        StackConfig config = config(Map.of());
        try (ServerSocket taken = new ServerSocket(config.port(StackConfig.GATEWAY_PORT), 50,
                java.net.InetAddress.getByName(config.host()))) {
            LocalStack stack = stack(config, new RecordingPart("broker"));
            assertThatThrownBy(stack::start).hasMessageContaining("(gateway.port)")
                    .hasMessageContaining("is a stack already running?");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aStopWhileTheStackStartsStopsWhatStartedAndTheStartFails() throws Exception {
        RecordingPart broker = new RecordingPart("broker");
        RecordingPart slow = new RecordingPart("slow");
        slow.readyAfterChecks = Integer.MAX_VALUE;
        RecordingPart app = new RecordingPart("app");
        LocalStack stack = stack(config(Map.of()), broker, slow, app);
        CompletableFuture<Void> starting = CompletableFuture.runAsync(stack::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("start slow"));

        stack.close(); // what the stack's shutdown hook does on SIGTERM

        assertThatThrownBy(() -> starting.get(10, TimeUnit.SECONDS)).hasMessageContaining("stopped while it started");
        assertThat(events).containsExactly("start broker", "start slow", "stop slow", "stop broker");
    }

    @Test
    void theShutdownHookTellsItsListenerBeforeTheFirstPartStopsAndAfterTheLast() throws Exception {
        RecordingPart broker = new RecordingPart("broker");
        RecordingPart app = new RecordingPart("app");
        LocalStack stack = stack(config(Map.of()), broker, app);
        stack.start();

        StackShutdownHook.stop(stack, new StopListener() {
            @Override
            public void stopping() {
                events.add("listener: stopping");
            }

            @Override
            public void stopped(Duration took, Optional<RuntimeException> failure) {
                events.add("listener: stopped" + failure.map(e -> " with " + e.getMessage()).orElse(""));
            }
        });

        assertThat(events).containsExactly("start broker", "start app", "listener: stopping", "stop app",
                "stop broker", "listener: stopped");
    }
}
