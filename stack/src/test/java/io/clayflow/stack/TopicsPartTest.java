package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsPartTest {

    @Test
    void theClaySinksStateIsOneCompactedPartitionUnderTheNameThatSaysQuotaAndProgress() {
        NewTopic state = TopicsPart.topics().stream().filter(topic -> topic.name().equals(Topics.CLAY_SINK_STATE))
                .findFirst().orElseThrow();

        assertThat(state.numPartitions()).isEqualTo(1);
        assertThat(state.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(TopicsPart.topics()).extracting(NewTopic::name)
                .as("the old name is only read, by the sink, never created").doesNotContain(
                        Topics.LEGACY_CLAY_WEBHOOK_QUOTA);
    }
}
