package io.clayflow.intake.it;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.AbstractStreamsHealthIT;
import io.clayflow.streams.StreamsApp;
import java.util.List;
import java.util.Map;

/** Intake's {@code /health/live} and {@code /health/ready} on a real broker (see {@link AbstractStreamsHealthIT}). */
class IntakeHealthIT extends AbstractStreamsHealthIT {

    @Override
    protected StreamsApp app(Map<String, String> settings) {
        return new IntakeApp(IntakeConfig.LOADER.resolve(settings));
    }

    @Override
    protected List<String> topics() {
        return List.of(Topics.LEADS_RAW, Topics.LEADS_ENRICHED, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_DLQ);
    }
}
