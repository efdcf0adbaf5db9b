package io.clayflow.schemas;

import io.clayflow.config.WireNames;
import java.util.Optional;

/**
 * The stages dead letters, metrics and the status page name: where in the pipeline a record was. Each goes by its
 * {@link #wireName()} (the constant's name in lower case, dotted: {@code intake.validate}) in the
 * {@link DeadLetterHeaders#STAGE} header and as a processor name; a connector writes stages of its own into that
 * header, which are none of these.
 */
public enum Stage {
    INTAKE_DECODE, INTAKE_VALIDATE, INTAKE_NORMALIZE, INTAKE_DEDUPE, INTAKE_THROTTLE,
    /** Books what a dropped duplicate saved in the cost ledger. */
    INTAKE_COST_DUPLICATE,
    /** Books a released row's estimated cost in the cost ledger. */
    INTAKE_COST_ESTIMATE,
    /** Books Clay's actual cost of a row against the budget and in the cost ledger. */
    INTAKE_COST_ACTUAL,
    ROUTING_DECODE, ROUTING_ROUTE,
    /** The Clay round trip: a row Clay accepted whose callback did not come in time (the Clay ledger). */
    CLAY;

    private final String wireName = WireNames.dotted(this);

    /** The stage's name on the wire, e.g. {@code intake.cost.actual}. */
    public String wireName() {
        return wireName;
    }

    /** The stage a {@link DeadLetterHeaders#STAGE} header names; empty for a connector's stage or anything else. */
    public static Optional<Stage> of(String wireName) {
        return WireNames.find(Stage.class, Stage::wireName, wireName);
    }
}
