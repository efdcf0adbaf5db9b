package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/kafka/create-topics.sh takes the partitions, replication factor and min.insync.replicas of a real cluster:
 * run with bash against a stand-in kafka-topics.sh that records its arguments.
 */
class CreateTopicsScriptTest {

    @TempDir
    Path bin;

    @Test
    void passesPartitionsReplicationAndMinInSyncReplicasToEveryTopic() throws Exception {
        Result result = run("--bootstrap-server", "b1:9093", "--partitions", "6", "--replication-factor", "3",
                "--min-insync-replicas", "2", "--command-config", "/etc/admin.properties");

        assertThat(result.exit()).isZero();
        assertThat(result.calls()).hasSizeGreaterThanOrEqualTo(9).allSatisfy(call -> assertThat(call)
                .contains("--bootstrap-server b1:9093", "--command-config /etc/admin.properties",
                        "--replication-factor 3", "--config min.insync.replicas=2"));
        assertThat(result.calls()).anySatisfy(call -> assertThat(call).contains("--topic leads.raw --partitions 6"));
        assertThat(result.calls()).anySatisfy(call -> assertThat(call).contains("--topic leads.dlq --partitions 1"));
    }

    @Test
    void defaultsToComposesOneBroker() throws Exception {
        Result result = run();

        assertThat(result.calls()).allSatisfy(call -> assertThat(call).contains("--bootstrap-server kafka:19092",
                "--replication-factor 1", "min.insync.replicas=1").doesNotContain("--command-config"));
    }

    @Test
    void refusesMoreInSyncReplicasThanReplicas() throws Exception {
        Result result = run("--replication-factor", "1", "--min-insync-replicas", "2");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.calls()).isEmpty();
    }

    record Result(int exit, List<String> calls) {
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        Path calls = bin.resolve("calls.txt");
        Path fake = bin.resolve("kafka-topics.sh");
        Files.writeString(fake, "#!/bin/bash\necho \"$*\" >> " + calls + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash",
                Manifests.ROOT.resolve("docker/kafka/create-topics.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().remove("BOOTSTRAP_SERVERS");
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
        Files.deleteIfExists(calls);
        return new Result(process.exitValue(), lines);
    }
}
