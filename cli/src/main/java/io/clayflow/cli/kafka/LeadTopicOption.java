package io.clayflow.cli.kafka;

import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import picocli.CommandLine.Option;

/** Where {@code demo} and {@code import-csv} produce their leads ({@code @Mixin LeadTopicOption target;}). */
public final class LeadTopicOption {

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.LEADS_RAW,
            description = "Where to produce the leads (default: ${DEFAULT-VALUE}).")
    String topic;

    public String topic() {
        return topic;
    }

    /** A producer of leads to that topic of {@code cluster}. */
    public LeadProducer producer(ClusterSettings cluster) {
        return new LeadProducer(cluster, topic);
    }
}
