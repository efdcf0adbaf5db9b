package io.clayflow.schemas;

/** The stage names dead letters, metrics and the status page use: where in the pipeline a record was. */
public final class Stages {

    public static final String INTAKE_DECODE = "intake.decode";
    public static final String INTAKE_VALIDATE = "intake.validate";
    public static final String INTAKE_NORMALIZE = "intake.normalize";
    public static final String INTAKE_DEDUPE = "intake.dedupe";
    public static final String INTAKE_THROTTLE = "intake.throttle";
    /** Books what a dropped duplicate saved in the cost ledger. */
    public static final String INTAKE_COST_DUPLICATE = "intake.cost.duplicate";
    /** Books a released row's estimated cost in the cost ledger. */
    public static final String INTAKE_COST_ESTIMATE = "intake.cost.estimate";
    /** Books Clay's actual cost of a row against the budget and in the cost ledger. */
    public static final String INTAKE_COST_ACTUAL = "intake.cost.actual";
    public static final String ROUTING_DECODE = "routing.decode";
    public static final String ROUTING_ROUTE = "routing.route";
    /** The Clay round trip: a row Clay accepted whose callback did not come in time (the Clay ledger). */
    public static final String CLAY = "clay";

    private Stages() {
    }
}
