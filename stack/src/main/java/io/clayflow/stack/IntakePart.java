package io.clayflow.stack;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import org.apache.kafka.streams.Topology;

/**
 * The intake topology ({@code leads.raw} → validate, normalize, dedupe, throttle → {@code leads.clay.outbox}): its
 * dedupe memory, backlog and credit budget survive a restart in its state stores and their changelogs.
 */
public final class IntakePart extends StreamsAppPart {

    private final IntakeConfig intakeConfig;
    private SpecificAvroSerde<Lead> leadSerde;

    public IntakePart(StackConfig config) {
        super("intake");
        this.intakeConfig = new IntakeConfig(settings(config, "intake", StackConfig.INTAKE_METRICS_PORT,
                IntakeConfig.classpathDefaults()));
    }

    @Override
    public IntakeConfig configuration() {
        return intakeConfig;
    }

    @Override
    protected Topology topology() {
        leadSerde = new SpecificAvroSerde<>();
        leadSerde.configure(intakeConfig.serdeConfigs(), false);
        return IntakeTopology.build(intakeConfig, leadSerde);
    }

    @Override
    protected void beforeStart() {
        IntakeApp.warmUpOutboxSerializer(leadSerde);
    }

    @Override
    protected void closeSerdes() {
        leadSerde.close();
    }
}
