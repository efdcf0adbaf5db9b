package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.testsupport.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

/**
 * Kafka Connect's own shutdown hook is never registered in a JVM that runs the stack, while every other hook
 * registered through Kafka's {@link Exit} still runs: checked in JVMs of their own, which exit and run their hooks.
 */
class StackShutdownHookTest {

    /** Registers Connect's hook and another one as Kafka code does, then exits. */
    public static final class RegistersHooks {

        public static void main(String[] args) {
            if (args.length > 0 && args[0].equals("as-the-stack")) {
                StackShutdownHook.keepConnectFromRegisteringItsOwn();
            }
            Exit.addShutdownHook(StackShutdownHook.CONNECT_HOOK, () -> System.out.println("connect's hook ran"));
            Exit.addShutdownHook("another-hook", () -> System.out.println("another hook ran"));
        }
    }

    @Test
    void connectsHookNeverRunsWhereTheStackOwnsTheStop() throws Exception {
        String output = ChildJvm.run(RegistersHooks.class.getName(), List.of("as-the-stack"), List.of("-Xmx64m"),
                Duration.ofSeconds(60));

        assertThat(output).contains("another hook ran").doesNotContain("connect's hook ran");
    }

    @Test
    void withoutTheStackConnectsHookRuns() throws Exception {
        String output = ChildJvm.run(RegistersHooks.class.getName(), List.of(), List.of("-Xmx64m"),
                Duration.ofSeconds(60));

        assertThat(output).contains("another hook ran", "connect's hook ran");
    }
}
