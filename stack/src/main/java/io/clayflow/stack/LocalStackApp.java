package io.clayflow.stack;

import java.nio.file.Path;
import java.util.Map;
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
        LocalStack stack = LocalStack.create(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local stack");
            try {
                stack.close();
            } finally {
                stopped.countDown();
            }
        }, "clayflow-stack-shutdown"));
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
