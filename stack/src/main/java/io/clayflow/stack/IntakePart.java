package io.clayflow.stack;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeConfig;

/**
 * The intake topology ({@code leads.raw} → validate, normalize, dedupe, throttle → {@code leads.clay.outbox}): its
 * dedupe memory, backlog and credit budget survive a restart in its state stores and their changelogs.
 */
public final class IntakePart extends StreamsAppPart<IntakeConfig> {

    public IntakePart(StackConfig config) {
        super(config, IntakeConfig.APP, IntakeConfig.LOADER, StackConfig.INTAKE_METRICS_PORT, IntakeApp::new);
    }
}
