package io.clayflow.routing;

/** A rule could not be evaluated for a lead (a missing map key, a failed conversion, a null compared to a number). */
public class RuleEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
