package io.clayflow.localservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one KRaft broker start: formats a new directory, answers clients, and resumes its data after a stop. */
class KraftBrokerIT {

    @TempDir
    Path home;

    @Test
    void formatsOnceAndResumesWithItsTopicsOnTheSamePort() throws Exception {
        KraftBroker broker = new KraftBroker(home, "127.0.0.1", freePort(), freePort(), Map.of("num.partitions", "3"));
        try {
            broker.start();
            broker.awaitReady(Duration.ofSeconds(60));
            String clusterId = broker.clusterId();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kraft-broker-it", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            broker.stop();
            assertThat(broker.isStopped()).isTrue();
            assertThat(broker.isReady()).isFalse();
            broker.start();
            broker.awaitReady(Duration.ofSeconds(60));

            assertThat(broker.clusterId()).as("formatted once").isEqualTo(clusterId);
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kraft-broker-it");
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
            }
        } finally {
            broker.stop();
        }
    }

    @Test
    void theCallersSettingsGoOverTheDefaultsButNeverOverTheAddresses() {
        KraftBroker broker = new KraftBroker(home, "127.0.0.1", 19092, 19093,
                Map.of("num.partitions", "3", "listeners", "PLAINTEXT://0.0.0.0:1"));

        Map<String, String> props = broker.properties();

        assertThat(props).containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("log.dirs", home.resolve("logs").toString());
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(Set.copyOf(props.keySet())).containsAll(BrokerDefaults.COMMON.keySet());
    }

    private static Admin admin(KraftBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
