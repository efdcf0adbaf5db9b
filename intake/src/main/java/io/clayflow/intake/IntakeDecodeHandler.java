package io.clayflow.intake;

import io.clayflow.schemas.Stages;
import io.clayflow.streams.DeadLetterDeserializationHandler;

/** Dead-letters a {@code leads.raw} record that does not decode, at stage {@code intake.decode}. */
public class IntakeDecodeHandler extends DeadLetterDeserializationHandler {

    @Override
    protected String stage() {
        return Stages.INTAKE_DECODE;
    }
}
