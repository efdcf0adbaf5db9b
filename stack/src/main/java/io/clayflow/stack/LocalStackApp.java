package io.clayflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the local stack without the CLI: {@code java -cp ... io.clayflow.stack.LocalStackApp [stack.properties]}.
 * Prints where each part listens once all are ready; SIGTERM or Ctrl-C stops every part.
 */
public final class LocalStackApp {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackApp.class);

    private LocalStackApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackConfig config;
        try {
            config = StackConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv(), Map.of());
        } catch (ConfigException e) {
            System.err.println("Invalid stack configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack = LocalStack.create(config).onExitStop(new StopListener() {
            @Override
            public void stopped(Duration took, Optional<RuntimeException> failure) {
                LOG.info("Stopped the local stack in {} ms{}", took.toMillis(),
                        failure.map(e -> ": " + e.getMessage()).orElse(""));
                stopped.countDown();
            }
        });
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.print(StackSummary.of(stack));
        System.out.flush();
        stopped.await();
    }
}
