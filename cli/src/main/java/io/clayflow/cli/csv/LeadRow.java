package io.clayflow.cli.csv;

import io.clayflow.schemas.Lead;

/**
 * One data row of a CSV after conversion: a lead to produce, or the reason it was refused. {@code line} is the
 * 1-based line of the file where the row starts (a quoted field may span several lines).
 */
public record LeadRow(long line, Lead lead, String reason, String message) {

    public static LeadRow accepted(long line, Lead lead) {
        return new LeadRow(line, lead, null, null);
    }

    public static LeadRow refused(long line, String reason, String message) {
        return new LeadRow(line, null, reason, message);
    }

    public boolean isAccepted() {
        return lead != null;
    }
}
