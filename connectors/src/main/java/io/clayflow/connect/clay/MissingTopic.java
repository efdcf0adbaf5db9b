package io.clayflow.connect.clay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Creates a topic the Clay sink writes to, unless it exists (one that does is left as it is). What goes wrong fails
 * the task naming the topic: the cluster refused, did not answer in time, or the task was interrupted.
 */
final class MissingTopic {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The new topic, as the cluster asked through {@code admin} says it should be (partitions, configs). */
    @FunctionalInterface
    interface Spec {
        NewTopic of(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
    }

    private MissingTopic() {
    }

    /**
     * @param what what the topic is, for errors: "the Clay sink's state topic"
     */
    static void create(String topic, String what, Map<String, Object> clientProps, Spec spec) {
        try (Admin admin = Admin.create(clientProps)) {
            admin.createTopics(List.of(spec.of(admin))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Cannot create " + what + " " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out creating " + what + " " + topic, e);
        }
    }
}
