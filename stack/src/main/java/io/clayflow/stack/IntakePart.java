package io.clayflow.stack;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.streams.StreamsApp;

/**
 * The intake topology ({@code leads.raw} → validate, normalize, dedupe, throttle → {@code leads.clay.outbox}): its
 * dedupe memory, backlog and credit budget survive a restart in its state stores and their changelogs.
 */
public final class IntakePart extends StreamsAppPart {

    private final IntakeConfig intakeConfig;

    public IntakePart(StackConfig config) {
        super(IntakeConfig.APP);
        this.intakeConfig = IntakeConfig.LOADER.resolve(settings(config, IntakeConfig.APP,
                StackConfig.INTAKE_METRICS_PORT));
    }

    @Override
    public IntakeConfig configuration() {
        return intakeConfig;
    }

    @Override
    protected StreamsApp app() {
        return new IntakeApp(intakeConfig);
    }
}
